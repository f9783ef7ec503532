using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Reads an inventory in any supported format: native YAML, Ansible YAML or Ansible INI.</summary>
public static class InventoryLoader
{
    /// <summary>
    /// Loads the inventory at <paramref name="path"/>. Every problem found is added to <paramref name="diagnostics"/>;
    /// the result is null when there is any error, so a caller never works with half an inventory.
    /// </summary>
    public static InventoryDefinition? Load(string path, DiagnosticBag diagnostics)
    {
        var source = SourceLoader.ReadText(path, diagnostics);
        return source is null ? null : Load(source, diagnostics);
    }

    /// <summary>Loads an inventory from text already read; the format is detected from the path and the text.</summary>
    internal static InventoryDefinition? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var found = new DiagnosticBag();
        var inventory = Read(source, found);
        if (inventory is { Hosts.Count: 0 } && !found.HasErrors)
        {
            found.Error(Codes.NoHosts, SourceSpan.None(source.Path), "the inventory defines no hosts");
        }

        diagnostics.AddRange(found.ToSortedList());
        return found.HasErrors ? null : inventory;
    }

    private static InventoryDefinition? Read(SourceText source, DiagnosticBag diagnostics)
    {
        var name = Path.GetFileNameWithoutExtension(source.Path);
        if (!InventoryFormatDetector.IsYaml(source))
        {
            var ini = new AnsibleIniReader(source, diagnostics).Read();
            return ini is null ? null : Ansible(name, InventoryFormat.AnsibleIni, ini, source);
        }

        if (SourceLoader.ParseYaml(source, diagnostics) is not { } document) return null;
        var reader = new NodeReader(diagnostics);
        if (reader.Mapping(document.Root, "the inventory") is not { } root) return null;
        if (InventoryFormatDetector.IsNative(root)) return new NativeInventoryReader(source, reader).Read(root, name);
        var ansible = new AnsibleYamlReader(reader).Read(root);
        return Ansible(name, InventoryFormat.AnsibleYaml, ansible, source);
    }

    private static InventoryDefinition Ansible(string name, InventoryFormat format, AnsibleInventory inventory, SourceText source) =>
        new(name, format, AnsibleHostResolver.Resolve(inventory), KnownHostsFile: null, source);
}
