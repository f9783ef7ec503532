using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>
/// 'lock: { on: any(SELECTOR), name: NAME, dir: DIR, become: BOOL }': a cluster lock, taken on the first reachable host
/// of <paramref name="On"/> before any step runs, so two runs cannot work on the same cluster at once.
/// </summary>
/// <param name="Directory">Where lock directories are made on the host (default /var/lib/runbook/locks).</param>
public sealed record LockDefinition(HostTarget On, string Name, string Directory, bool Become, SourceSpan Span)
{
    public const string DefaultDirectory = "/var/lib/runbook/locks";
}
