namespace Runbook.Tests.Support;

/// <summary>
/// The shipped RKE2 rotation runbook as the lab runs it: unchanged but for its cluster lock's directory. Every lab
/// "host" is this one machine, so the default /var/lib/runbook/locks would be shared by every lab cluster on it (the
/// split and combined clusters run their rotations at the same time) and one would find the other's lock.
/// </summary>
internal static class ShippedRotation
{
    public const string Path = "runbooks/rke2-certificate-rotation.yaml";

    private const string Lock = "lock: { on: any(role=etcd), name: rke2-certs, become: true }";

    /// <summary>Writes the copy into <paramref name="dir"/>; returns its path and the lock directory it uses.</summary>
    public static (string Runbook, string LockDir) Write(string dir)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(RepoRoot.Path, Path));
        Assert.Contains(Lock, text, StringComparison.Ordinal);
        var locks = System.IO.Path.Combine(dir, "locks");
        var copy = System.IO.Path.Combine(dir, "rke2-certificate-rotation.yaml");
        File.WriteAllText(
            copy,
            text.Replace(
                Lock,
                $"lock: {{ on: any(role=etcd), name: rke2-certs, become: true, dir: {locks} }}",
                StringComparison.Ordinal
            )
        );
        return (copy, locks);
    }

    /// <summary>How often the systemctl stand-in started and stopped each node's unit (its log says each).</summary>
    public static Dictionary<string, (int Starts, int Stops)> UnitCycles(IEnumerable<Runbook.Lab.ClusterNode> nodes) =>
        nodes.ToDictionary(
            n => n.Name,
            n =>
            {
                var lines = File.Exists(n.Log) ? File.ReadAllLines(n.Log) : [];
                return (
                    lines.Count(l => l.Contains($"systemctl: starting {n.Unit}", StringComparison.Ordinal)),
                    lines.Count(l => l.Contains($"systemctl: stopped {n.Unit}", StringComparison.Ordinal))
                );
            }
        );
}
