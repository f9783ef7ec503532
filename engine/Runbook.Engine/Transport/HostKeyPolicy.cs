namespace Runbook.Transport;

/// <summary>What to do with a host key that known_hosts does not list (a changed key is always refused unless Off).</summary>
public enum HostKeyPolicy
{
    /// <summary>Unknown or changed keys are refused. The default.</summary>
    Strict,

    /// <summary>Unknown keys are trusted and recorded in the user known_hosts file; changed keys are refused.</summary>
    AcceptNew,

    /// <summary>No verification at all (explicit opt-in; the CLI warns).</summary>
    Off,
}
