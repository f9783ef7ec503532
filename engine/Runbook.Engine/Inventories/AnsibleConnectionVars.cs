namespace Runbook.Inventories;

/// <summary>
/// The Ansible vars that say how to reach a host and how to become root on it. They become fields of the host
/// (address, port, user, identity file, connection, become) and are not kept in its vars. Where Ansible reads several
/// names for one setting, the name it reads last wins wherever each is set (ansible_ssh_host beats ansible_host even
/// when ansible_host is set on the host and ansible_ssh_host in a group): each list here puts the winner first.
/// </summary>
internal static class AnsibleConnectionVars
{
    public const string GroupPriority = "ansible_group_priority";

    public static readonly string[] Address = ["ansible_ssh_host", "ansible_host"];
    public static readonly string[] Port = ["ansible_ssh_port", "ansible_port"];
    public static readonly string[] User = ["ansible_ssh_user", "ansible_user"];
    public static readonly string[] IdentityFile = ["ansible_ssh_private_key_file", "ansible_private_key_file"];
    public static readonly string[] Connection = ["ansible_connection"];
    public static readonly string[] Become = ["ansible_become"];

    /// <summary>The sudo become plugin's names for the user, later ones winning in Ansible.</summary>
    public static readonly string[] BecomeUser = ["ansible_sudo_user", "ansible_become_user"];

    /// <summary>The sudo become plugin's names for the password: a secret, kept out of the host's vars.</summary>
    public static readonly string[] BecomePassword =
    [
        "ansible_sudo_pass",
        "ansible_become_pass",
        "ansible_become_password",
    ];

    /// <summary>
    /// Every var that becomes a host field: a template in one of these must render, or the host is wrong.
    /// </summary>
    public static readonly string[] All =
    [
        .. Address,
        .. Port,
        .. User,
        .. IdentityFile,
        .. Connection,
        .. Become,
        .. BecomeUser,
        .. BecomePassword,
    ];

    public static bool IsPort(string name) => Port.Contains(name, StringComparer.Ordinal);

    /// <summary>True for the address, user and identity file vars, whose values are single strings.</summary>
    public static bool IsText(string name) =>
        Address.Contains(name, StringComparer.Ordinal)
        || User.Contains(name, StringComparer.Ordinal)
        || IdentityFile.Contains(name, StringComparer.Ordinal);

    /// <summary>Removes all of <paramref name="names"/> from <paramref name="vars"/>; returns the first that has a value.</summary>
    public static object? Take(Dictionary<string, object?> vars, string[] names)
    {
        object? found = null;
        foreach (var name in names)
        {
            if (vars.Remove(name, out var value))
                found ??= value;
        }

        return found;
    }
}
