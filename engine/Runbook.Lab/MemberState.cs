namespace Runbook.Lab;

/// <summary>What one look at an etcd member found.</summary>
public enum MemberState
{
    /// <summary><c>/health</c> answered true: the member has a leader and a quorum read went through.</summary>
    Healthy,

    /// <summary>
    /// Something listens but did not say healthy: <c>/health</c> false (no leader during an election, or etcd's own
    /// one-second quorum read was too slow), a TLS failure, a reset, or no answer in time.
    /// </summary>
    Unhealthy,

    /// <summary>Nothing listens on the member's client port (connection refused): the member is stopped.</summary>
    Down,
}
