using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Runbook.Tests.Integration;
using Runbook.Tests.Support;

namespace Runbook.Tests.Reports;

/// <summary>
/// A real run on the sshd lab (three hosts one at a time, a gate after each, a step failing on the last host), then
/// what people and CI read of it: run --junit and --summary-file, runbook runs, runs show, and the HTML report loaded
/// in a real browser (Debian's chromium, headless) whose rendered DOM is checked and whose screenshot is kept.
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class ReportOnLabTests(LabFixture lab)
{
    private const string Runbook = """
        runbook: report-TAG
        phases:
          - name: rolling
            hosts: role in (etcd, control-plane, worker)
            serial: 1
            steps:
              - { name: "say <b>hi</b> | there", run: "echo '<script>alert(1)</script> </details> | ```'" }
              - { name: check, run: "[ {{ host.name }} != worker-1 ] || { echo 'boom <b>&' >&2; exit 3; }" }
            gates:
              - name: settled
                on: any(role=etcd)
                verify: { run: "true", every: 100ms, within: 10s }
        """;

    [Fact]
    public async Task A_failed_run_leaves_junit_a_summary_a_history_and_an_html_report_a_browser_renders()
    {
        using var run = new LabRun(lab, Runbook);
        var (junit, summary) = (Path.Combine(run.Root, "junit.xml"), Path.Combine(run.Root, "summary.md"));
        await File.WriteAllTextAsync(summary, "earlier step's summary\n");

        var result = await run.RunAsync("--junit", junit, "--summary-file", summary);
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);

        // JUnit: well-formed, a testcase per host × step and per gate, counts consistent, the failure's output tail.
        var xml = XDocument.Load(junit);
        var suites = xml.Root!.Elements("testsuite").ToList();
        var cases = suites.SelectMany(s => s.Elements("testcase")).ToList();
        Assert.Equal("testsuites", xml.Root.Name.LocalName);
        Assert.Equal(3, suites.Count);
        Assert.Equal(3 * 2 + 2, cases.Count); // the third batch failed: its gate never ran
        Assert.Equal(cases.Count, (int)xml.Root.Attribute("tests")!);
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)xml.Root.Attribute("failures")!);
        foreach (var suite in suites)
        {
            Assert.Equal(suite.Elements("testcase").Count(), (int)suite.Attribute("tests")!);
            Assert.Equal(
                suite.Elements("testcase").Count(c => c.Element("failure") is not null),
                (int)suite.Attribute("failures")!
            );
        }

        var failure = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal("runbook.p1.b3.worker-1", (string)failure.Attribute("classname")!);
        Assert.Contains("boom <b>&", failure.Element("failure")!.Value, StringComparison.Ordinal);

        // The summary is appended, and renders through GitHub's renderer without the output's markup becoming HTML.
        var md = await File.ReadAllTextAsync(summary);
        Assert.StartsWith("earlier step's summary\n", md, StringComparison.Ordinal);
        var html = ExternalTool.Run("cmark-gfm", ["--unsafe", "-e", "table"], stdin: md);
        Assert.Equal(0, html.ExitCode);
        Assert.Contains("<table>", html.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("boom &lt;b&gt;&amp;", html.Stdout, StringComparison.Ordinal);

        // runbook runs and runs show.
        var runs = await CliRunner.RunAsync(["runs", "--format", "json"], run.Environment);
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var listed = Assert.Single(JsonDocument.Parse(runs.Stdout).RootElement.EnumerateArray());
        Assert.Equal("step-failed", listed.GetProperty("outcome").GetString());
        Assert.Contains("@", listed.GetProperty("started_by").GetString(), StringComparison.Ordinal);
        var id = listed.GetProperty("id").GetString()!;
        var show = await CliRunner.RunAsync(["runs", "show", "last"], run.Environment);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains($"run {id}: step-failed", show.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"failed\s+worker-1\s+check\s+\d", show.Stdout);
        Assert.Contains("ok          gate settled", show.Stdout, StringComparison.Ordinal);

        // The HTML report: no network, and a browser renders a row per host and a bar per step, by status.
        var file = Path.Combine(run.Root, "report.html");
        var report = await CliRunner.RunAsync(["report", id, "--format", "html", "--out", file], run.Environment);
        Assert.True(report.ExitCode == 0, report.Stderr);
        var page = await File.ReadAllTextAsync(file);
        Assert.DoesNotMatch("https?://", page);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);

        var dom = Browser(file, "--dump-dom");
        Assert.Equal(["etcd-1", "cp-1", "worker-1"], Attr().Matches(dom).Select(m => m.Groups[1].Value).Take(3));
        var bars = Bar().Matches(dom).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, bars.Count);
        Assert.Equal(5, bars.Count(b => b == "ok"));
        Assert.Equal("failed", Assert.Single(bars, b => b != "ok"));
        Assert.Contains("data-ready=\"6\"", dom, StringComparison.Ordinal); // its script ran
        Assert.Equal(2, Regex.Count(dom, "class=\"marker gate st-ok\""));
        Assert.Equal(3, Regex.Count(dom, "<g class=\"batch\""));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom, StringComparison.Ordinal);

        var shots = Path.Combine(RepoRoot.Path, "tests", "TestResults", "report");
        Directory.CreateDirectory(shots);
        var png = Path.Combine(shots, "lab-run-report.png");
        File.Delete(png);
        Browser(file, $"--screenshot={png}", "--window-size=1280,900");
        Assert.True(new FileInfo(png).Length > 1000, "no screenshot");
    }

    /// <summary>Debian's chromium, headless, with no network: what a person's browser shows of the file.</summary>
    private static string Browser(string file, params string[] what)
    {
        var profile = Directory.CreateTempSubdirectory("runbook-chromium-");
        try
        {
            var result = ExternalTool.Run(
                "chromium",
                [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--proxy-server=127.0.0.1:9",
                    $"--user-data-dir={profile.FullName}",
                    .. what,
                    new Uri(file).AbsoluteUri,
                ]
            );
            Assert.True(result.ExitCode == 0, result.Stderr);
            return result.Stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<g class=\"row\" data-host=\"([^\"]+)\"")]
    private static partial Regex Attr();

    [GeneratedRegex("<rect class=\"bar st-([a-z-]+)\"")]
    private static partial Regex Bar();
}
