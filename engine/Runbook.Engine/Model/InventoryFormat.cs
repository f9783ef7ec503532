namespace Runbook.Model;

public enum InventoryFormat
{
    Native,
    AnsibleYaml,
    AnsibleIni,
}
