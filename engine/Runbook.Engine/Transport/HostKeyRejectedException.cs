namespace Runbook.Transport;

/// <summary>The host presented a key that does not match what known_hosts says (or none is known under the strict policy).</summary>
public sealed class HostKeyRejectedException(
    string host,
    string reason,
    string? expectedFingerprint,
    string actualFingerprint
) : HostUnreachableException(host, reason)
{
    public string? ExpectedFingerprint { get; } = expectedFingerprint;

    public string ActualFingerprint { get; } = actualFingerprint;
}
