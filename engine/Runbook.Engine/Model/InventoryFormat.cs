namespace Runbook.Model;

public enum InventoryFormat
{
    Native,
    AnsibleYaml,
    AnsibleIni,

    /// <summary>An executable Ansible inventory script, run with --list.</summary>
    AnsibleScript,

    /// <summary>Several Ansible sources read as one: a directory, or -i given more than once.</summary>
    AnsibleSources,
}
