using System.Diagnostics;
using System.Text.RegularExpressions;
using Runbook.Tests.Support;

namespace Runbook.Tests.Reports;

/// <summary>
/// <c>runbook run … --lab --lab-cluster rke2</c> keeps the cluster watcher's samples in the run's directory
/// (cluster.ndjson), and <c>runbook report</c> shows them. The collection's cluster is reused: a lab already up in
/// <c>.lab/rke2-split-roles-rke2</c> is what <c>--lab</c> runs on, so the test links that directory to the fixture's
/// lab and runs the real CLI as a process in a directory of its own (the lab directory is relative to it).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class LabRunSamplesTests(ClusterFixture lab) : IDisposable
{
    private const string Runbook = """
        runbook: lab-samples
        phases:
          - name: etcd
            hosts: role=etcd
            serial: 1
            steps:
              - { name: wait, run: "sleep 1" }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("runbook-labsamples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_lab_run_with_a_cluster_keeps_the_watchers_samples_and_its_report_shows_them()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".lab"));
        Directory.CreateSymbolicLink(Path.Combine(_root, ".lab", "rke2-split-roles-rke2"), lab.LabDirectory);
        File.WriteAllText(Path.Combine(_root, "runbook.yaml"), Runbook);
        var state = Path.Combine(_root, "state");

        var (exit, output) = await RunAsync(
            state,
            "run",
            "runbook.yaml",
            "-i",
            Path.Combine(RepoRoot.Path, ClusterFixture.SourceInventory),
            "--lab",
            "--lab-cluster",
            "rke2",
            "--no-live"
        );
        Assert.True(exit == 0, output);
        Assert.Contains("lab: reusing the lab already up", output, StringComparison.Ordinal);

        // The samples sit beside the journal, one JSON object a line in the watcher's format.
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(state, "runs")));
        var samples = File.ReadAllLines(Path.Combine(run, "cluster.ndjson"));
        Assert.True(samples.Length >= 2, string.Join('\n', samples));
        Assert.All(samples, s => Assert.Contains("\"membersUp\":[", s, StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Contains("\"quorum\":true", StringComparison.Ordinal));

        var report = await CliRunner.RunAsync(
            ["report", "last", "--format", "html"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = state }
        );
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("<section id=\"cluster\">", report.Stdout, StringComparison.Ordinal);
        var shown = SamplesLine().Match(report.Stdout);
        Assert.True(shown.Success, report.Stdout);
        var count = int.Parse(shown.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, samples.Length);
        Assert.Contains("up etcd-1 etcd-2 etcd-3", report.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The real CLI as a process in the test's directory (--lab finds .lab/ in the working one).</summary>
    private async Task<(int Exit, string Output)> RunAsync(string state, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "runbook"))
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["RUNBOOK_STATE_DIR"] = state;
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"(\d+) samples by the lab's cluster watcher")]
    private static partial Regex SamplesLine();
}
