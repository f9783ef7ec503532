using System.Diagnostics;
using System.Globalization;

namespace Runbook.Tests.Support;

/// <summary>
/// Freezes a lab host's sshd (SIGSTOP) as a hung host or VM would be: the kernel still accepts and acknowledges TCP,
/// nothing answers over SSH. Disposing it thaws (SIGCONT) every process it stopped, whatever the test did.
/// </summary>
public sealed class FrozenSshd : IDisposable
{
    private readonly List<int> _stopped;

    private FrozenSshd(List<int> stopped)
    {
        _stopped = stopped;
        Signal("STOP", _stopped);
    }

    /// <summary>
    /// The listening sshd <paramref name="root"/> and every sshd under it (sessions), not the commands.
    /// </summary>
    public static FrozenSshd All(int root) => new(SshdProcesses(root));

    /// <summary>Only the listening sshd: connections are accepted by the kernel, never answered.</summary>
    public static FrozenSshd Listener(int root) => new([root]);

    public void Dispose() => Signal("CONT", _stopped);

    private static List<int> SshdProcesses(int root)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(') + 1)..close];
                parents[pid] = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }

        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
            found.AddRange(parents.Where(p => p.Value == found[i]).Select(p => p.Key));
        return found.Where(p => names.GetValueOrDefault(p, "").StartsWith("sshd", StringComparison.Ordinal)).ToList();
    }

    private static void Signal(string signal, IEnumerable<int> pids)
    {
        using var kill = Process.Start(
            "kill",
            ["-" + signal, .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]
        );
        kill.WaitForExit();
    }
}
