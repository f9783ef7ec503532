using Runbook.Diagnostics;

namespace Runbook.Transport;

/// <summary>
/// Where and how to reach one host over SSH, resolved from the inventory when the plan is compiled: the compiled plan
/// carries one per inventory host, so a run needs nothing but the plan. <see cref="Name"/> is the inventory name, under
/// which (and under <see cref="Address"/>) the host key is looked up. A null <see cref="User"/> is the transport's
/// default user, a null <see cref="IdentityFile"/> its default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa).
/// It is what the inventory says explicitly: the SSH transport fills in the rest from ssh_config (SshEndpoints).
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
    string? KnownHostsFile
)
{
    /// <summary>The inventory's become password for this host (Ansible's ansible_become_password), if it gives
    /// one.</summary>
    public Model.SecretText? BecomePassword { get; init; }

    /// <summary>
    /// The user sudo runs become commands as on this host (Ansible's ansible_become_user); null for root.
    /// </summary>
    public string? BecomeUser { get; init; }

    /// <summary>
    /// False when the inventory gave no address (or, for an Ansible host, gave only ansible_host, which is the name
    /// ssh_config sees): ssh_config's HostName may then say where the host is.
    /// </summary>
    public bool AddressGiven { get; init; } = true;

    /// <summary>
    /// False when the inventory gave no port, so <see cref="Port"/> is 22: ssh_config's Port may apply.
    /// </summary>
    public bool PortGiven { get; init; } = true;

    /// <summary>
    /// The name ssh_config's Host patterns see; null: <see cref="Name"/>. An Ansible host is seen under its address,
    /// as Ansible's ssh does.
    /// </summary>
    public string? Alias { get; init; }

    /// <summary>
    /// True for a host the inventory reaches with ansible_connection=local: its steps run on the controller, with no
    /// SSH (<see cref="ITransport.ConnectLocalAsync"/>), and ssh_config does not apply to it.
    /// </summary>
    public bool Local { get; init; }

    /// <summary>Where the host is written in the inventory, for diagnostics about its settings.</summary>
    public SourceSpan? Span { get; init; }

    internal string ConfigName => Alias ?? Name;

    // Equal endpoints reach the same host the same way; where the inventory wrote it (Span) is for messages only.
    public bool Equals(HostEndpoint? other) =>
        other is not null
        && (Name, Address, Port, User, IdentityFile, KnownHostsFile, AddressGiven, PortGiven, Alias)
            == (
                other.Name,
                other.Address,
                other.Port,
                other.User,
                other.IdentityFile,
                other.KnownHostsFile,
                other.AddressGiven,
                other.PortGiven,
                other.Alias
            )
        && Local == other.Local
        && Equals(Jump, other.Jump);

    public override int GetHashCode() =>
        HashCode.Combine(
            Name,
            Address,
            Port,
            User,
            Jump,
            IdentityFile,
            KnownHostsFile,
            (AddressGiven, PortGiven, Alias, Local)
        );
}
