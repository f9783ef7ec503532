using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// The any(...) walk that once steps and gates share: candidates in order, the first one that can be reached is where
/// the work runs. A candidate that cannot be reached is passed over (and reported through <c>unreachable</c>).
/// </summary>
internal static class CandidateWalk
{
    /// <summary>The first reachable candidate and its connection, or null when none could be reached.</summary>
    public static async Task<(string Host, IHostConnection Connection)?> FirstReachableAsync(
        RunContext ctx,
        IEnumerable<string> candidates,
        Action<string, HostUnreachableException>? unreachable = null
    )
    {
        foreach (var host in candidates)
        {
            try
            {
                return (host, await ctx.Connections.GetAsync(host));
            }
            catch (HostUnreachableException ex)
            {
                unreachable?.Invoke(host, ex);
            }
        }

        return null;
    }
}
