using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Reads inventories: Runbook's native YAML, and Ansible's as Ansible reads them (INI, YAML, JSON, inventory scripts,
/// directories of those, several -i merged, group_vars/ and host_vars/ beside each).
/// </summary>
public static class InventoryLoader
{
    /// <summary>
    /// Loads the inventory at <paramref name="path"/>. Every problem found is added to <paramref name="diagnostics"/>;
    /// the result is null when there is any error, so a caller never works with half an inventory.
    /// </summary>
    public static InventoryDefinition? Load(string path, DiagnosticBag diagnostics) => Load([path], diagnostics);

    /// <summary>
    /// Loads the inventory made of <paramref name="paths"/> (each a -i: a file, a directory or an executable script),
    /// merged as Ansible merges several sources: a group or host named twice is one, and vars set later win. A native
    /// inventory is read alone. Null when there is any error (all of them are in <paramref name="diagnostics"/>); an
    /// inventory without hosts is a warning, so that an empty group of a dynamic inventory does not stop a pipeline
    /// that validates.
    /// </summary>
    public static InventoryDefinition? Load(
        IReadOnlyList<string> paths,
        DiagnosticBag diagnostics,
        InventoryLoadOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new DiagnosticBag();
        var inventory = paths.Count == 0 ? null : Read(paths, found, options ?? InventoryLoadOptions.Default);
        if (paths.Count == 0)
            found.Error(Codes.MissingKey, SourceSpan.None("-i"), "no inventory was given");
        return Finish(inventory, paths.Count == 0 ? "-i" : paths[0], found, diagnostics);
    }

    /// <summary>
    /// Loads an inventory from text already read (a git revision of a file); the format is detected from the path and
    /// the text. group_vars/ and host_vars/ are not read: the working tree's may not match the revision.
    /// </summary>
    internal static InventoryDefinition? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var found = new DiagnosticBag();
        var inventory = ReadFile(source, found, varsDirectory: null);
        return Finish(inventory, source.Path, found, diagnostics);
    }

    private static InventoryDefinition? Finish(
        InventoryDefinition? inventory,
        string path,
        DiagnosticBag found,
        DiagnosticBag diagnostics
    )
    {
        if (inventory is { Hosts.Count: 0 } && !found.HasErrors)
        {
            found.Warning(Codes.NoHosts, SourceSpan.None(path), "the inventory defines no hosts");
        }

        diagnostics.AddRange(found.ToSortedList());
        return found.HasErrors ? null : inventory;
    }

    private static InventoryDefinition? Read(
        IReadOnlyList<string> paths,
        DiagnosticBag diagnostics,
        InventoryLoadOptions options
    )
    {
        if (paths is [var single] && File.Exists(single) && !InventorySources.IsScript(single))
        {
            if (InventorySources.IsUnrunnableScript(single))
                return NotExecutable(single, diagnostics);
            var source = SourceLoader.ReadText(single, diagnostics);
            return source is null ? null : ReadFile(source, diagnostics, InventorySources.VarsDirectory(single));
        }

        var inventory = new AnsibleInventory();
        foreach (var path in paths)
        {
            foreach (var file in InventorySources.Files(path, diagnostics) ?? [])
            {
                ReadSource(file, inventory, diagnostics, options, alone: paths.Count == 1 && file == path);
            }
        }

        if (diagnostics.HasErrors)
            return null;
        var format =
            paths is [var only] && File.Exists(only) ? InventoryFormat.AnsibleScript : InventoryFormat.AnsibleSources;
        var name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(paths[0]));
        var varsDirectories = paths.Select(InventorySources.VarsDirectory).ToList();
        return Ansible(name, format, inventory, new SourceText(paths[0], string.Empty), varsDirectories, diagnostics);
    }

    /// <summary>Reads one file of several sources (or one script) into <paramref name="inventory"/>.</summary>
    private static void ReadSource(
        string file,
        AnsibleInventory inventory,
        DiagnosticBag diagnostics,
        InventoryLoadOptions options,
        bool alone
    )
    {
        if (InventorySources.IsScript(file))
        {
            new AnsibleScriptReader(file, inventory, options.ScriptTimeout, diagnostics).Read();
            return;
        }

        if (InventorySources.IsUnrunnableScript(file))
        {
            NotExecutable(file, diagnostics);
            return;
        }

        if (SourceLoader.ReadText(file, diagnostics) is not { } source)
            return;

        // Ansible reads an empty file in a directory as an INI file without hosts: nothing to add, nothing wrong.
        if (!alone && source.Text.Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart()[0] is '#' or ';'))
            return;
        if (!InventoryFormatDetector.IsYaml(source))
        {
            new AnsibleIniReader(source, diagnostics, inventory).Read();
            return;
        }

        if (SourceLoader.ParseYaml(source, diagnostics) is not { Root: { } document })
            return;
        var reader = new NodeReader(diagnostics);
        if (reader.Mapping(document, "the inventory") is not { } root)
            return;
        if (InventoryFormatDetector.IsNative(root))
        {
            var message = "this is a Runbook inventory, which cannot be combined with other inventory sources";
            diagnostics.Error(Codes.InventorySources, SourceSpan.None(file), message);
            return;
        }

        new AnsibleYamlReader(reader, inventory).Read(root);
    }

    private static InventoryDefinition? ReadFile(SourceText source, DiagnosticBag diagnostics, string? varsDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(source.Path);
        var vars = varsDirectory is null ? (IReadOnlyList<string>)[] : [varsDirectory];
        if (!InventoryFormatDetector.IsYaml(source))
        {
            var ini = new AnsibleIniReader(source, diagnostics).Read();
            return ini is null ? null : Ansible(name, InventoryFormat.AnsibleIni, ini, source, vars, diagnostics);
        }

        if (SourceLoader.ParseYaml(source, diagnostics) is not { } document)
            return null;
        var reader = new NodeReader(diagnostics);
        if (reader.Mapping(document.Root, "the inventory") is not { } root)
            return null;
        if (InventoryFormatDetector.IsNative(root))
            return new NativeInventoryReader(source, reader).Read(root, name);
        var ansible = new AnsibleYamlReader(reader).Read(root);
        return Ansible(name, InventoryFormat.AnsibleYaml, ansible, source, vars, diagnostics);
    }

    private static InventoryDefinition? NotExecutable(string path, DiagnosticBag diagnostics)
    {
        diagnostics.Error(
            Codes.InventoryScript,
            SourceSpan.None(path),
            "the file starts with '#!' but is not executable: is it an inventory script?",
            $"make it executable (chmod +x {path}) to run it, or remove the '#!' line to read it as a file"
        );
        return null;
    }

    private static InventoryDefinition Ansible(
        string name,
        InventoryFormat format,
        AnsibleInventory inventory,
        SourceText source,
        IReadOnlyList<string> varsDirectories,
        DiagnosticBag diagnostics
    )
    {
        // Too many hosts is already an error: resolving the 100,000 read so far would only cost time and memory.
        if (inventory.TooLarge)
            return new(name, format, [], KnownHostsFile: null, source);
        inventory.Reconcile();
        for (var i = 0; i < varsDirectories.Count; i++)
        {
            AnsibleVarsFiles.Read(inventory, varsDirectories[i], i, diagnostics);
        }

        var resolver = new AnsibleHostResolver(inventory, diagnostics);
        return new(name, format, resolver.Resolve(), KnownHostsFile: null, source) { Groups = resolver.Groups() };
    }
}
