namespace Runbook.Transport;

/// <summary>The optional marker at the start of a known_hosts line.</summary>
public enum KnownHostMarker
{
    None,
    CertAuthority,
    Revoked,
}
