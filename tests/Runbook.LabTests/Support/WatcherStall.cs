using Runbook.Lab;

namespace Runbook.Tests.Support;

/// <summary>
/// A sample in which every failed probe of the watcher failed by timing out ("A task was canceled") says the test
/// process or the machine stalled (it is shared and loaded), not that an API server went away: the API stand-in
/// answers at once, with 200, or 503 and the members' errors, and a stopped one refuses connections. Assertions that
/// "an API server was always ready" leave such samples out; the quorum and down-member assertions keep them.
/// </summary>
internal static class WatcherStall
{
    public static bool Is(ClusterSample sample) =>
        sample.Errors.Count > 0
        && sample.Errors.Values.All(e => e.Contains("A task was canceled", StringComparison.Ordinal));
}
