using System.Diagnostics;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Commands that change nothing end at the first SIGINT or SIGTERM with exit 130, as a cancelled CI job needs: before,
/// the two-stage handler meant for <c>run</c> swallowed SIGTERM and the first two SIGINTs, so a <c>validate</c> stuck
/// on a slow inventory went on until its own time limit. The real CLI is started as a process (as the runner starts
/// a step), reading a dynamic inventory script that sleeps, and signalled while the script runs.
/// </summary>
public sealed class PromptInterruptTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("runbook-prompt-interrupt-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("validate", "INT")]
    [InlineData("validate", "TERM")]
    [InlineData("plan", "INT")]
    [InlineData("plan", "TERM")]
    public async Task A_first_signal_ends_a_command_that_changes_nothing_with_130_and_stops_the_inventory_script(
        string command,
        string signal
    )
    {
        var pidFile = Path.Combine(_dir.FullName, "script.pid");
        var script = Path.Combine(_dir.FullName, "slow-inventory.sh");
        // Sleeps far past the inventory script's own time limit (60 s): an exit 130 can only be the signal's.
        File.WriteAllText(script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 1009.5\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runbook = Path.Combine(RepoRoot.Path, "runbooks", "rke2-certificate-rotation.yaml");

        using var cli = Start(command, runbook, "-i", script);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the inventory script never started");
            Assert.False(cli.Process.HasExited, "runbook exited before the script started: " + cli.Stderr);
            await Task.Delay(20);
        }

        var (killed, output) = await LabProcesses.RunAsync(
            "kill",
            [$"-{signal}", cli.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            CancellationToken.None
        );
        Assert.True(killed == 0, output);
        // Generous for a loaded machine, and still well under the script's 60 s limit that ended it before.
        await cli.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(130, cli.Process.ExitCode);
        Assert.Contains("interrupted", cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("RB0078", cli.Stderr, StringComparison.Ordinal);
        var scriptPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(scriptPid), "the inventory script outlived runbook");
    }

    private static bool IsRunning(int pid)
    {
        // A killed child of an exited process is reaped by init at once; /proc/PID/stat would show Z until then.
        var stat = $"/proc/{pid}/stat";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (File.Exists(stat) && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
        return File.Exists(stat) && !File.ReadAllText(stat).Contains(") Z ", StringComparison.Ordinal);
    }

    private static Cli Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "runbook"), args)
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var cli = new Cli(Process.Start(start)!);
        cli.Process.OutputDataReceived += (_, _) => { };
        cli.Process.ErrorDataReceived += (_, e) =>
        {
            lock (cli.Lines)
                cli.Lines.Add(e.Data ?? string.Empty);
        };
        cli.Process.BeginOutputReadLine();
        cli.Process.BeginErrorReadLine();
        return cli;
    }

    private sealed record Cli(Process Process) : IDisposable
    {
        public List<string> Lines { get; } = [];

        public string Stderr
        {
            get
            {
                lock (Lines)
                    return string.Join('\n', Lines);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
