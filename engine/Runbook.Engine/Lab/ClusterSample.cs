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

    /// <summary>One readable line (test failures print samples): time, members down, quorum, each /readyz, errors.</summary>
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} down=[{string.Join(',', MembersDown)}] quorum={(Quorum ? "yes" : "NO")} " +
        $"readyz=[{string.Join(',', Readyz.Select(r => $"{r.Key}={r.Value}"))}]" +
        (Errors.Count == 0 ? "" : " errors: " + string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}")));
}
