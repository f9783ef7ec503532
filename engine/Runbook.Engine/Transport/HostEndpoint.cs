namespace Runbook.Transport;

/// <summary>
/// Where and how to reach one host over SSH, resolved from the inventory when the plan is compiled: the compiled plan
/// carries one per inventory host, so a run needs nothing but the plan. <see cref="Name"/> is the inventory name, under
/// which (and under <see cref="Address"/>) the host key is looked up. A null <see cref="User"/> is the transport's
/// default user, a null <see cref="IdentityFile"/> its default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa).
/// </summary>
/// <param name="Jump">The jump host to tunnel through (OpenSSH's ProxyJump), itself resolved.</param>
/// <param name="KnownHostsFile">The inventory's known_hosts file, read besides the user's.</param>
public sealed record HostEndpoint(
    string Name,
    string Address,
    int Port,
    string? User,
    HostEndpoint? Jump,
    string? IdentityFile,
    string? KnownHostsFile)
{
    /// <summary>The inventory's become password for this host (Ansible's ansible_become_password), if it gives one.</summary>
    public Model.SecretText? BecomePassword { get; init; }
}
