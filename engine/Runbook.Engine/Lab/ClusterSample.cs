namespace Runbook.Lab;

/// <summary>
/// One look at the lab cluster: which etcd members answered healthy over mutual TLS, whether that is a quorum, and the
/// <c>/readyz</c> status of each API stand-in (0 when it did not answer). Errors hold what failed, by node name.
/// </summary>
public sealed record ClusterSample(
    DateTimeOffset At,
    IReadOnlyList<string> MembersUp,
    IReadOnlyList<string> MembersDown,
    bool Quorum,
    IReadOnlyDictionary<string, int> Readyz,
    IReadOnlyDictionary<string, string> Errors)
{
    public bool AllReady => Readyz.Values.All(s => s == 200);
}
