using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>One `runbook run` of a runbook written to a temp dir, on the lab fleet, with its own state dir and events file.</summary>
internal sealed class LabRun : IDisposable
{
    public LabRun(LabFixture lab, string runbookYaml)
    {
        Lab = lab;
        Directory.CreateDirectory(Root);
        File.WriteAllText(RunbookPath, runbookYaml.Replace("TAG", Tag, StringComparison.Ordinal));
    }

    public LabFixture Lab { get; }

    /// <summary>A unique word for this run: files the steps write in a host's home are named after it.</summary>
    public string Tag { get; } = "t" + Guid.NewGuid().ToString("n")[..10];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "runbook-labrun-" + Guid.NewGuid().ToString("n"));

    public string RunbookPath => Path.Combine(Root, "runbook.yaml");

    public string EventsPath => Path.Combine(Root, "events.ndjson");

    public string StateDirectory => Path.Combine(Root, "state");

    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = StateDirectory };

    public Task<CliResult> RunAsync(params string[] extra) => RunOnAsync(Lab.InventoryPath, extra);

    public Task<CliResult> RunOnAsync(string inventoryPath, params string[] extra) =>
        CliRunner.RunAsync(
            ["run", RunbookPath, "-i", inventoryPath, "--no-live", "--events", EventsPath, .. extra],
            Environment
        );

    /// <summary>
    /// Starts the real CLI as a separate process (so it can be signalled or killed) on the lab inventory, with the
    /// events file; its output is drained and dropped.
    /// </summary>
    public Process Start()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "runbook"))
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", RunbookPath, "-i", Lab.InventoryPath, "--no-live", "--events", EventsPath })
            start.ArgumentList.Add(arg);
        start.Environment["RUNBOOK_STATE_DIR"] = StateDirectory;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits (up to a minute) until the events file has a line with every one of <paramref name="parts"/>.</summary>
    public async Task WaitForEventAsync(Process engine, params string[] parts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Events.Split('\n').Any(line => parts.All(p => line.Contains(p, StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no event with {string.Join(", ", parts)}: {Events}");
            Assert.False(engine.HasExited, "the engine exited early: " + Events);
            await Task.Delay(20);
        }
    }

    /// <summary>A file a step wrote in a lab host's home, or null.</summary>
    public string? HostFile(string host, string name)
    {
        var path = Path.Combine(Lab.State.Hosts.Single(h => h.Name == host).Home, $"{Tag}-{name}");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public string Events => File.Exists(EventsPath) ? File.ReadAllText(EventsPath) : string.Empty;

    /// <summary>Every record the run stored (run.json, journal.ndjson; not the lock, which its engine holds), concatenated.</summary>
    public string Journal =>
        string.Concat(
            System
                .IO.Directory.GetFiles(StateDirectory, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is "run.json" or "journal.ndjson")
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText)
        );

    /// <summary>
    /// Also kills what the run's steps left running on the lab's hosts (this machine): a test that kills the engine or
    /// freezes a host leaves its step's command running, as a real host would, for as long as the step's timeout
    /// (FrozenHostTests: a 600 s sleep). The processes carry the run's marker in their command line (CommandMarker).
    /// </summary>
    public void Dispose()
    {
        // The whole session of each: a command's children (a sleep) do not carry the marker themselves.
        foreach (var session in Leftovers().Select(p => p.Session).Distinct(StringComparer.Ordinal))
        {
            using var kill = Process.Start("pkill", ["-KILL", "-s", session]);
            kill.WaitForExit();
        }

        if (System.IO.Directory.Exists(Root))
            System.IO.Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// The processes on this machine (the lab's hosts are on it) that carry a marker of this run's runs in their
    /// command line (CommandMarker), with their session ids.
    /// </summary>
    public List<(string Session, string CommandLine)> Leftovers()
    {
        var runs = Path.Combine(StateDirectory, "runs");
        if (!System.IO.Directory.Exists(runs))
            return [];
        var markers = System.IO.Directory.GetDirectories(runs).Select(d => $": runbook-step {Path.GetFileName(d)} ");
        var found = new List<(string, string)>();
        foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0]))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!markers.Any(m => cmdline.Contains(m, StringComparison.Ordinal)))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // After "PID (comm) ": state, ppid, pgrp, session.
                found.Add((stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3], cmdline));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }

        return found;
    }
}
