using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Runbook.Lab;

/// <summary>Runs the few programs the lab needs and stops exactly the sshds it started.</summary>
internal static partial class LabProcesses
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static Task<(int Exit, string Output)> RunAsync(
        string file,
        IEnumerable<string> args,
        CancellationToken cancellationToken
    ) => RunAsync(file, args, null, cancellationToken);

    public static async Task<(int Exit, string Output)> RunAsync(
        string file,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken
    )
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    /// <summary>Whether <paramref name="pid"/> is still an sshd started with <paramref name="config"/> (PIDs get reused).</summary>
    public static bool IsOurSshd(int pid, string config)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("sshd", StringComparison.Ordinal)
                && cmdline.Contains(config, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>TERM, then KILL if it has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        _ = Kill(pid, SigTerm);
        var watch = Stopwatch.StartNew();
        while (IsAlive(pid) && watch.Elapsed < grace)
            await Task.Delay(20).ConfigureAwait(false);
        if (IsAlive(pid))
            _ = Kill(pid, SigKill);
    }

    /// <summary>TERM to the process group <paramref name="pid"/> leads, then KILL to it if the leader has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopGroupAsync(int pid, TimeSpan grace)
    {
        if (Kill(-pid, SigTerm) != 0)
            _ = Kill(pid, SigTerm);
        var watch = Stopwatch.StartNew();
        while (IsAlive(pid) && watch.Elapsed < grace)
            await Task.Delay(20).ConfigureAwait(false);
        if (IsAlive(pid) && Kill(-pid, SigKill) != 0)
            _ = Kill(pid, SigKill);
    }

    /// <summary>Running, and not a zombie waiting for a parent that does not reap (PID 1 in some containers).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static bool IsRoot() => GetEuid() == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
