namespace Runbook.Lab;

/// <summary>
/// One look at the lab cluster: which etcd members answered healthy over mutual TLS, which run but did not say healthy
/// (an election in progress, a slow quorum read, a TLS failure), which are not running (nothing listens), whether a
/// majority runs (quorum), and the <c>/readyz</c> status of each API stand-in (0 when it did not answer). Errors hold
/// what failed, by node name.
/// </summary>
public sealed record ClusterSample(
    DateTimeOffset At,
    IReadOnlyList<string> MembersUp,
    IReadOnlyList<string> MembersUnhealthy,
    IReadOnlyList<string> MembersDown,
    bool Quorum,
    IReadOnlyDictionary<string, int> Readyz,
    IReadOnlyDictionary<string, string> Errors
)
{
    public bool AllReady => Readyz.Values.All(s => s == 200);

    /// <summary>Every etcd member answered healthy.</summary>
    public bool EtcdHealthy => MembersDown.Count == 0 && MembersUnhealthy.Count == 0;

    /// <summary>Every etcd member healthy and every API stand-in ready.</summary>
    public bool Healthy => EtcdHealthy && AllReady;

    /// <summary>One readable line (test failures print samples): time, members down and unhealthy, quorum, each /readyz, errors.</summary>
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} down=[{string.Join(',', MembersDown)}] unhealthy=[{string.Join(',', MembersUnhealthy)}] "
        + $"quorum={(Quorum ? "yes" : "NO")} "
        + $"readyz=[{string.Join(',', Readyz.Select(r => $"{r.Key}={r.Value}"))}]"
        + (Errors.Count == 0 ? "" : " errors: " + string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}")));
}
