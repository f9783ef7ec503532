using System.Diagnostics;
using Runbook.Lab;
using Runbook.Tests.Ci;
using Runbook.Tests.Support;
using Runbook.Tests.Transport;
using Xunit.Abstractions;

namespace Runbook.Tests.Integration;

/// <summary>
/// The "Run" step of docs/examples/github-actions.yml (its script read from the file, not copied), run with bash on
/// the lab fleet and cancelled the way GitHub's runner cancels a step; then its journal, carried over as the workflow's
/// artefact carries it to a fresh workspace, resumed by the same script. Before, the recipe's shell died on the
/// runner's signal and runbook, orphaned, went on rotating.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class WorkflowCancelTests(LabFixture lab, ITestOutputHelper log)
{
    [Fact]
    public async Task A_cancel_lets_the_running_step_finish_starts_nothing_new_and_the_restored_journal_resumes()
    {
        using var run = new LabRun(lab, Rolling("sleep 2; echo s2 >> ~/TAG-log"));
        using var workspace = new Workspace(run.Root);

        var (exit, sent, output) = await CancelWhileRunningAsync(run, workspace, "cp-1", "s2");

        Assert.True(exit == 130, $"exit {exit} after {string.Join(", ", sent)}:\n{output}");
        Assert.Equal(new[] { "INT" }, sent); // runbook finished the running step and ended before the runner's SIGTERM
        Assert.Contains("runbook: SIGTERM: starting nothing new", output, StringComparison.Ordinal);
        Assert.Contains(
            "::warning::interrupted: dispatch again with resume_from=4242",
            output,
            StringComparison.Ordinal
        );
        Assert.Equal("code=130\n", File.ReadAllText(workspace.GithubOutput));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("s1\ns2\n", run.HostFile("cp-1", "log"));
        Assert.Null(run.HostFile("worker-1", "log"));
        Assert.Contains("\"event\":\"run-finished\"", run.Events, StringComparison.Ordinal);

        await ResumeInFreshWorkspaceAsync(run, workspace);
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("cp-1", "log"));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("worker-1", "log"));
    }

    [Fact]
    public async Task A_step_longer_than_the_runners_grace_is_aborted_by_its_SIGTERM_before_SIGKILL_and_resumes()
    {
        // s2 runs for 1,000 s on cp-1 only (where a file says so), longer than any runner waits after a cancel.
        using var run = new LabRun(lab, Rolling("test ! -e ~/TAG-slow || sleep 1007.5; echo s2 >> ~/TAG-log"));
        using var workspace = new Workspace(run.Root);
        var slow = Path.Combine(lab.State.Hosts.Single(h => h.Name == "cp-1").Home, $"{run.Tag}-slow");
        File.WriteAllText(slow, string.Empty);
        await using var cp1 = await lab.Transport.ConnectAsync(lab.Host("cp-1"), CancellationToken.None);

        var (exit, sent, output) = await CancelWhileRunningAsync(run, workspace, "cp-1", "s2");

        // The second signal aborted the step on the host; runbook still journaled and exited itself, before SIGKILL.
        Assert.True(exit == 130, $"exit {exit} after {string.Join(", ", sent)}:\n{output}");
        Assert.Equal(new[] { "INT", "TERM" }, sent);
        Assert.Contains("runbook: SIGTERM: aborting running steps", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await cp1.PgrepAsync($"{run.Tag}-sl[o]w")); // the step's command line has it
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("s1\n", run.HostFile("cp-1", "log"));
        Assert.Null(run.HostFile("worker-1", "log"));

        // Resumed, the aborted step runs again, this time without the long sleep (the runbook is the same file).
        File.Delete(slow);
        await ResumeInFreshWorkspaceAsync(run, workspace);
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("cp-1", "log"));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("worker-1", "log"));
    }

    private static string Rolling(string s2) =>
        $$"""
            runbook: workflow-cancel
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: s1, run: "echo s1 >> ~/TAG-log" }
                  - { name: s2, run: "{{s2}}" }
                  - { name: s3, run: "echo s3 >> ~/TAG-log" }
            """;

    /// <summary>Starts the step, waits until <paramref name="step"/> runs on <paramref name="host"/>, cancels</summary>
    private async Task<(int Exit, IReadOnlyList<string> Sent, string Output)> CancelWhileRunningAsync(
        LabRun run,
        Workspace workspace,
        string host,
        string step
    )
    {
        using var shell = workspace.StartStep(lab.InventoryPath, resume: false);
        await run.WaitForEventAsync(
            shell.Process,
            "\"event\":\"step-started\"",
            $"\"host\":\"{host}\"",
            $"\"name\":\"{step}\""
        );
        var sent = await RunnerCancel.CancelAsync(shell.Process);
        log.WriteLine($"signals sent: {string.Join(", ", sent)}; the step's log:\n{shell.Output}");
        return (shell.Process.ExitCode, sent, shell.Output);
    }

    /// <summary>
    /// What the workflow does on a dispatch with resume_from: a fresh checkout (the runbook), the artefact downloaded
    /// into it (.runbook/ and events.ndjson, as uploaded with include-hidden-files), the same step with --resume last.
    /// </summary>
    private async Task ResumeInFreshWorkspaceAsync(LabRun run, Workspace interrupted)
    {
        var journals = Directory.GetFiles(
            Path.Combine(run.Root, ".runbook"),
            "journal.ndjson",
            SearchOption.AllDirectories
        );
        Assert.NotEmpty(journals); // the journal is in the workspace's .runbook/, where the upload step takes it from

        using var fresh = new Workspace(Directory.CreateTempSubdirectory("runbook-workflow-resume-").FullName);
        File.Copy(run.RunbookPath, Path.Combine(fresh.Root, "runbook.yaml"));
        File.Copy(run.EventsPath, Path.Combine(fresh.Root, "events.ndjson"));
        CopyDirectory(Path.Combine(interrupted.Root, ".runbook"), Path.Combine(fresh.Root, ".runbook"));
        try
        {
            using var shell = fresh.StartStep(lab.InventoryPath, resume: true);
            await shell.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(shell.Process.ExitCode == 0, shell.Output);
            Assert.Contains("run complete", shell.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(fresh.Root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>
    /// A runner's workspace: the step's script in a file run as the runner runs a step with no <c>shell:</c>
    /// (<c>bash -e {0}</c>), <c>./runbook</c> (the CLI under test), and the variables the step reads.
    /// </summary>
    private sealed class Workspace : IDisposable
    {
        public Workspace(string root)
        {
            Root = root;
            var wrapper = Path.Combine(Root, "runbook");
            File.WriteAllText(
                wrapper,
                $"#!/bin/sh\nexec '{Path.Combine(AppContext.BaseDirectory, "runbook")}' \"$@\"\n"
            );
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.WriteAllText(ScriptPath, ExampleWorkflow.RunScript("rotate", "run"));
        }

        public string Root { get; }

        public string ScriptPath => Path.Combine(Root, "step.sh");

        public string GithubOutput => Path.Combine(Root, "github-output");

        public Step StartStep(string inventory, bool resume)
        {
            var start = new ProcessStartInfo("bash", ["-e", ScriptPath])
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("RUNBOOK_STATE_DIR"); // the journal goes where CI has it: ./.runbook
            start.Environment["RUNBOOK"] = "runbook.yaml";
            start.Environment["INVENTORY"] = inventory;
            start.Environment["RESUME"] = resume ? "last" : string.Empty;
            start.Environment["APPROVE"] = "false";
            start.Environment["RUNBOOK_APPROVER"] = "ci";
            start.Environment["GITHUB_OUTPUT"] = GithubOutput;
            start.Environment["GITHUB_RUN_ID"] = "4242";
            File.WriteAllText(GithubOutput, string.Empty);
            return new Step(Process.Start(start)!);
        }

        public void Dispose()
        {
            // The first workspace is the LabRun's root, which the LabRun deletes.
        }
    }

    private sealed class Step : IDisposable
    {
        private readonly List<string> _lines = [];

        public Step(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_lines)
                    return string.Join('\n', _lines);
            }
        }

        private void Add(string? line)
        {
            if (line is null)
                return;
            lock (_lines)
                _lines.Add(line);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }

    /// <summary>
    /// How GitHub's runner cancels a running step on Linux (actions/runner, src/Runner.Sdk/ProcessInvoker.cs,
    /// CancelAndKillProcessTree and SendSignal): kill(pid, SIGINT) to the step's process alone (the shell, not its
    /// process group), up to 7.5 s for it to exit; then SIGTERM, up to 2.5 s; then Process.Kill(), a SIGKILL of that
    /// process alone. Returns the signals it had to send.
    /// </summary>
    private static class RunnerCancel
    {
        public static async Task<IReadOnlyList<string>> CancelAsync(Process shell)
        {
            var sent = new List<string>();
            foreach (var (signal, grace) in new[] { ("INT", 7.5), ("TERM", 2.5) })
            {
                if (shell.HasExited)
                    break;
                var (exit, output) = await LabProcesses.RunAsync(
                    "kill",
                    [$"-{signal}", shell.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                    CancellationToken.None
                );
                Assert.True(exit == 0, output);
                sent.Add(signal);
                // HasExited, not WaitForExit: that also waits for the end of the output, which a child may hold.
                var deadline = Stopwatch.StartNew();
                while (!shell.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(grace))
                    await Task.Delay(20);
                if (shell.HasExited)
                    break;
            }

            if (!shell.HasExited)
            {
                shell.Kill();
                sent.Add("KILL");
            }

            await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return sent;
        }
    }
}
