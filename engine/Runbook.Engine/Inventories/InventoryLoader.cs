using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Inventories;

/// <summary>Reads an inventory in any supported format: native YAML, Ansible YAML or Ansible INI.</summary>
public static class InventoryLoader
{
    public static InventoryDefinition? Load(string path, DiagnosticBag diagnostics) =>
        throw new NotImplementedException("inventory loading is being written");
}
