namespace Runbook.Diagnostics;

/// <summary>
/// The codes of an Ansible inventory's become vars and of its size (RB0143 to RB0145): part of the catalogue in
/// Codes.cs.
/// </summary>
public static partial class Codes
{
    public static readonly DiagnosticCode BecomeMethodUnsupported = new(
        "RB0143",
        "become method not supported",
        "Runbook becomes another user with sudo only: set ansible_become_method=sudo (or leave it out), or leave "
            + "this host out of the runbook's selectors or --limit"
    );
    public static readonly DiagnosticCode BecomeNotBoolean = new(
        "RB0144",
        "become is not a boolean",
        "write ansible_become as true or false (Ansible also reads yes/no, on/off, 1/0, t/f, y/n)"
    );
    public static readonly DiagnosticCode TooManyHosts = new(
        "RB0145",
        "inventory too large",
        "the inventory stands for more hosts than Runbook reads: check the ranges for a typo (web[1:100000] for "
            + "web[1:100]), or split the fleet into several inventories"
    );
}
