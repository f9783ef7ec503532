using System.Collections.Immutable;
using Runbook.Diagnostics;

namespace Runbook.Graph;

/// <summary>
/// The runbook's cluster lock: the directory <see cref="Path"/> made (mkdir, atomic) on the first reachable of
/// <see cref="Candidates"/> before any step, holding an owner file; released when the run succeeds.
/// </summary>
/// <param name="Target">The 'on' as written, canonical: any(role=etcd).</param>
public sealed record LockNode(
    string Name,
    string Target,
    ImmutableArray<string> Candidates,
    string Directory,
    bool Become,
    SourceSpan Span
)
{
    /// <summary>The lock directory on the host: DIR/NAME.</summary>
    public string Path => Directory + "/" + Name;
}
