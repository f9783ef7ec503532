namespace Runbook.Inventories;

/// <summary>
/// The Ansible vars that say how to reach a host. They become the host's address, port, user and identity file and
/// are not kept in its vars. Each has the name Ansible documents first, then the older name its ssh plugin still reads.
/// </summary>
internal static class AnsibleConnectionVars
{
    public const string GroupPriority = "ansible_group_priority";

    public static readonly string[] Address = ["ansible_host", "ansible_ssh_host"];
    public static readonly string[] Port = ["ansible_port", "ansible_ssh_port"];
    public static readonly string[] User = ["ansible_user", "ansible_ssh_user"];
    public static readonly string[] IdentityFile = ["ansible_ssh_private_key_file", "ansible_private_key_file"];

    public static bool IsPort(string name) => Port.Contains(name, StringComparer.Ordinal);

    /// <summary>True for the address, user and identity file vars, whose values are single strings.</summary>
    public static bool IsText(string name) =>
        Address.Contains(name, StringComparer.Ordinal) || User.Contains(name, StringComparer.Ordinal) || IdentityFile.Contains(name, StringComparer.Ordinal);

    /// <summary>Removes all of <paramref name="names"/> from <paramref name="vars"/>; returns the first that has a value.</summary>
    public static object? Take(Dictionary<string, object?> vars, string[] names)
    {
        object? found = null;
        foreach (var name in names)
        {
            if (vars.Remove(name, out var value)) found ??= value;
        }

        return found;
    }
}
