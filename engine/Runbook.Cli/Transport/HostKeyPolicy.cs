namespace Runbook.Cli.Transport;

/// <summary>--host-key-policy: how the SSH transport treats host keys.</summary>
internal enum HostKeyPolicy
{
    Strict,
    AcceptNew,
    Off,
}
