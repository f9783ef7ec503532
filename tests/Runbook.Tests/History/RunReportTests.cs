using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Runbook.Cli;
using Runbook.History;
using Runbook.Tests.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.History;

/// <summary>
/// runbook runs, runs show and report, and run --junit/--summary-file, over runs made in process (fake transport) with
/// hostile names and output: each report keeps its structure and escapes what the run printed.
/// </summary>
public sealed class RunReportTests
{
    private const string Hostile = """
        runbook: hostile
        phases:
          - name: "roll </details> | <x>"
            hosts: role=node
            serial: 1
            steps:
              - { name: "say ``` </details> <b>|</b>", run: "echo hostile" }
              - { name: check, run: "check-it" }
            gates:
              - { name: "gate <i>&", on: any(role=node), verify: { run: "true" } }
        """;

    private static FakeTransport Transport() =>
        new FakeTransport()
            .On(
                null,
                "echo hostile",
                new FakeReply(0, "<script>alert(1)</script>\n\u001b[31mred\u001b[0m ``` </details>\n")
            )
            .On("node-2", "check-it", new FakeReply(3, "", "\u001b[31mboom <b>& it broke\n"));

    [Fact]
    public async Task Run_writes_junit_whose_counts_agree_and_whose_failure_carries_the_output_tail()
    {
        using var dir = new CliRun(Hostile, hosts: 2);
        var junit = Path.Combine(dir.Root, "out", "junit.xml");
        var result = await dir.RunAsync(Transport(), null, "--junit", junit);
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);

        var xml = XDocument.Load(junit); // well-formed, the ANSI escape replaced
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(2 + 1 + 2, cases.Count); // node-1: 2 steps and the gate; node-2: 2 steps, no gate after a failure
        Assert.Equal(cases.Count, (int)xml.Root!.Attribute("tests")!);
        Assert.Equal(1, (int)xml.Root.Attribute("failures")!);
        foreach (var suite in xml.Root.Elements("testsuite"))
            Assert.Equal(suite.Elements("testcase").Count(), (int)suite.Attribute("tests")!);
        var failure = Assert.Single(xml.Descendants("failure"));
        Assert.Equal("\uFFFD[31mboom <b>& it broke", failure.Value); // XML cannot hold ESC
        Assert.Equal("runbook.p1.b2.node-2", (string)failure.Parent!.Attribute("classname")!);
        Assert.Contains(cases, c => (string)c.Attribute("name")! == "gate <i>&");
        Assert.DoesNotContain("\u001b", await File.ReadAllTextAsync(junit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_appends_a_markdown_summary_whose_values_cannot_change_its_structure()
    {
        using var dir = new CliRun(Hostile, hosts: 2);
        var summary = Path.Combine(dir.Root, "summary.md");
        await File.WriteAllTextAsync(summary, "## before\n");
        await dir.RunAsync(Transport(), null, "--summary-file", summary);
        await dir.RunAsync(Transport(), null, "--summary-file", summary, "--allow-concurrent");

        var md = await File.ReadAllTextAsync(summary);
        Assert.StartsWith("## before\n<!-- runbook:run ", md, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(md, "^### Run ", RegexOptions.Multiline));
        Assert.EndsWith("</details>\n\n", md, StringComparison.Ordinal); // one blank line after the last block
        Assert.False(md.EndsWith("\n\n\n", StringComparison.Ordinal));
        // Only the summary's own <details> open and close: the names' are escaped.
        Assert.Equal(Regex.Count(md, "^<details>", RegexOptions.Multiline), Regex.Count(md, "</details>\n"));
        Assert.Contains(@"roll \</details\> \| \<x\>", md, StringComparison.Ordinal);
        Assert.Contains("```text\n\\x1b[31mboom <b>& it broke\n```", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_escapes_everything_and_loads_nothing()
    {
        using var dir = new CliRun(Hostile, hosts: 2);
        await dir.RunAsync(Transport());
        var (exit, html, _) = await Cli(dir, "report", "last", "--format", "html");

        Assert.Equal(0, exit);
        Assert.DoesNotMatch("https?://|src=|href=", html);
        Assert.Equal(1, Regex.Count(html, "<script>")); // its own, inline
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("say ``` &lt;/details&gt; &lt;b&gt;|&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<g class=\"row\" data-host="));
        Assert.Equal(4, Regex.Count(html, "<rect class=\"bar st-"));
        Assert.Equal(1, Regex.Count(html, "<rect class=\"bar st-failed\""));
        Assert.Contains("<pre class=\"command\">check-it</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_cluster_watchers_samples_taken_during_the_run_are_drawn_under_the_timeline()
    {
        using var dir = new CliRun(Hostile, hosts: 2);
        await dir.RunAsync(Transport());
        var span = RunHistory.Read(dir.StateDirectory, "last").Span!.Value;
        static string Sample(DateTimeOffset at, bool quorum, string down) =>
            "{\"at\":\"" + at.ToString("O", CultureInfo.InvariantCulture) + "\",\"membersUp\":[\"etcd-1\"],"
            + "\"membersUnhealthy\":[],\"membersDown\":[" + down + "],\"quorum\":" + (quorum ? "true" : "false")
            + ",\"readyz\":{\"cp-1\":200},\"errors\":{}}";
        await File.WriteAllLinesAsync(
            Path.Combine(dir.RunDirectory, RunHistory.SamplesFile),
            [
                Sample(span.From.AddHours(-1), false, ""), // another run's: left out
                Sample(span.From, true, ""),
                Sample(span.To, false, "\"etcd-2\",\"etcd-3\""),
                "{\"at\":\"torn",
            ]
        );

        var (exit, html, _) = await Cli(dir, "report", "last");

        Assert.Equal(0, exit);
        Assert.Equal(2, Regex.Count(html, "<rect class=\"sample q-"));
        Assert.Equal(1, Regex.Count(html, "<rect class=\"sample q-lost\""));
        Assert.Contains("quorum lost in 1; at most 2 etcd members down at once", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_lists_newest_first_and_show_gives_each_step_with_its_outcome()
    {
        using var dir = new CliRun(Hostile, hosts: 2);
        await dir.RunAsync(new FakeTransport());
        await Task.Delay(1100); // run ids are stamped to the second
        await dir.RunAsync(Transport(), null, "--allow-concurrent");

        var (exit, text, _) = await Cli(dir, "runs");
        Assert.Equal(0, exit);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" step-failed ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" succeeded ", lines[2], StringComparison.Ordinal);

        var (_, show, _) = await Cli(dir, "runs", "show", "last");
        Assert.Matches(@"failed\s+node-2\s+check\s+\S+\s+exit 3", show);
        Assert.Contains("batch p1.b1 [node-1]: ok", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_of_an_older_version_without_times_still_reads_and_says_so()
    {
        using var dir = new CliRun(Hostile, hosts: 1);
        var run = Path.Combine(dir.StateDirectory, "runs", "20250101T000000Z-0001");
        Directory.CreateDirectory(run);
        await File.WriteAllTextAsync(
            Path.Combine(run, "run.json"),
            """
            { "id": "20250101T000000Z-0001", "started": "2025-01-01T00:00:00+00:00",
              "runbook": "rb.yaml", "inventory": "inv.yaml" }
            """
        );
        await File.WriteAllTextAsync(
            Path.Combine(run, "journal.ndjson"),
            """
            {"record":"run-started","run":"20250101T000000Z-0001","runbook":"rb","resumed":false}
            {"record":"step-done","id":"p1.b1.node-1.s1","host":"node-1","name":"one","status":"ok"}
            {"record":"step-started","id":"p1.b1.node-1.s2","host":"node-1"}
            {"record":"step-do
            """
        );

        var report = RunHistory.Read(dir.StateDirectory, "last");
        Assert.Equal(RunListing.Unfinished, report.Run.OutcomeOrUnfinished);
        Assert.Equal(["ok", null], report.Steps.Select(s => s.Status));
        Assert.Contains("has no times", HtmlReport.Render(report), StringComparison.Ordinal);
        Assert.Contains(
            "classname=\"runbook.p1.b1.node-1\" name=\"p1.b1.node-1.s2\"",
            JunitReport.Render(report),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task An_unknown_run_is_refused_with_the_store_named()
    {
        using var dir = new CliRun(Hostile, hosts: 1);
        var (exit, _, error) = await Cli(dir, "report", "nope", "--format", "junit");
        Assert.Equal(2, exit);
        Assert.Contains("no run 'nope' in", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Out, string Error)> Cli(CliRun dir, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = dir.StateDirectory };
        var context = new CliContext(stdout, stderr, name => environment.GetValueOrDefault(name));
        var exit = await CliApp.RunAsync(args, context, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
