namespace Runbook.Transport;

/// <summary>The optional marker at the start of a known_hosts line.</summary>
internal enum KnownHostMarker
{
    None,
    CertAuthority,
    Revoked,
}
