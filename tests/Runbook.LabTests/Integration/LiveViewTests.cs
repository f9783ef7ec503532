using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// On a real terminal (a pseudo-terminal from util-linux's <c>script</c>), <c>runbook run</c> draws the live view:
/// control codes, a table of hosts with their step and status, then the summary; the same run without a terminal
/// prints plain lines without a single control code.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LiveViewTests(LabFixture lab)
{
    private const string Yaml = """
        runbook: watched
        phases:
          - name: rolling
            hosts: role in (etcd, worker)
            serial: 1
            steps:
              - { name: hello, run: "sleep 1; echo done" }
        """;

    [Fact]
    public async Task On_a_terminal_the_run_draws_a_live_table_of_hosts_and_ends_with_the_summary()
    {
        using var run = new LabRun(lab, Yaml);
        var command =
            $"{Path.Combine(AppContext.BaseDirectory, "runbook")} run {run.RunbookPath} -i {lab.InventoryPath}";

        var (exit, output) = await LabProcesses.RunAsync(
            "script",
            ["-q", "-e", "-c", command, "/dev/null"],
            new Dictionary<string, string>
            {
                ["TERM"] = "xterm-256color",
                ["RUNBOOK_STATE_DIR"] = run.StateDirectory,
                ["COLUMNS"] = "120",
                ["LINES"] = "40",
            },
            CancellationToken.None
        );

        Assert.True(exit == 0, output);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal);
        Assert.Contains("phase 1: rolling", output, StringComparison.Ordinal);
        Assert.Matches(@"│ host\s+│ step\s+│ status", output);
        Assert.Matches(@"│ etcd-1\s+│ hello", output);
        Assert.Matches(@"│ worker-1\s+│ hello", output);
        Assert.Contains("succeeded in", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_the_same_run_prints_plain_lines_and_no_control_codes()
    {
        using var run = new LabRun(lab, Yaml);

        var (exit, output) = await LabProcesses.RunAsync(
            Path.Combine(AppContext.BaseDirectory, "runbook"),
            ["run", run.RunbookPath, "-i", lab.InventoryPath],
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["RUNBOOK_STATE_DIR"] = run.StateDirectory },
            CancellationToken.None
        );

        Assert.True(exit == 0, output);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        Assert.Contains("[etcd-1] hello: ok", output, StringComparison.Ordinal);
        Assert.Contains("[worker-1] hello: ok", output, StringComparison.Ordinal);
    }
}
