using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// group_vars/ and host_vars/ beside an inventory source, as Ansible's host_group_vars plugin reads them: for a group
/// or host NAME, the first of NAME, NAME.yml, NAME.yaml and NAME.json that exists; when that is a directory, every
/// file in it and its subdirectories, sorted by name, skipping hidden files, backups (~) and files whose extension is
/// not .yml, .yaml or .json (none is fine). Files are YAML (JSON is YAML) holding a mapping; empty files are skipped.
/// </summary>
internal static class AnsibleVarsFiles
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json"];

    /// <summary>
    /// Reads the vars files under <paramref name="baseDirectory"/> for every group and host of the inventory.
    /// </summary>
    public static void Read(AnsibleInventory inventory, string baseDirectory, int source, DiagnosticBag diagnostics)
    {
        var groupVars = Path.Combine(baseDirectory, "group_vars");
        if (Directory.Exists(groupVars))
        {
            foreach (var group in inventory.Groups)
            {
                if (Load(groupVars, group.Name, diagnostics) is { } vars)
                    group.FileVars[source] = vars;
            }
        }

        var hostVars = Path.Combine(baseDirectory, "host_vars");
        if (Directory.Exists(hostVars))
        {
            foreach (var host in inventory.Hosts)
            {
                if (Load(hostVars, host.Name, diagnostics) is { } vars)
                    host.FileVars[source] = vars;
            }
        }
    }

    private static Dictionary<string, object?>? Load(string directory, string name, DiagnosticBag diagnostics)
    {
        if (name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal))
            return null; // never a path outside
        Dictionary<string, object?>? merged = null;
        foreach (var file in Find(directory, name))
        {
            if (ReadFile(file, diagnostics) is not { } vars)
                continue;
            merged ??= new(StringComparer.Ordinal);
            foreach (var (key, value) in vars)
                merged[key] = value;
        }

        return merged;
    }

    private static List<string> Find(string directory, string name)
    {
        foreach (var extension in Extensions.Prepend(string.Empty))
        {
            var path = Path.Combine(directory, name + extension);
            if (Directory.Exists(path))
                return FilesIn(path);
            if (File.Exists(path))
                return [path];
        }

        return [];
    }

    private static List<string> FilesIn(string directory)
    {
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.EndsWith('~'))
                continue;
            var extension = Path.GetExtension(name);
            if (Directory.Exists(entry))
            {
                if (extension.Length == 0)
                    found.AddRange(FilesIn(entry));
            }
            else if (extension.Length == 0 || Extensions.Contains(extension, StringComparer.Ordinal))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    /// <summary>The vars of one file; null when it is empty or could not be read (then diagnostics say why).</summary>
    private static Dictionary<string, object?>? ReadFile(string path, DiagnosticBag diagnostics)
    {
        if (SourceLoader.ReadText(path, diagnostics) is not { } text)
            return null;
        if (text.Text.StartsWith("$ANSIBLE_VAULT", StringComparison.Ordinal))
        {
            diagnostics.Error(
                Codes.InvalidValue,
                new SourceSpan(path, 1, 1, "$ANSIBLE_VAULT".Length),
                "the file is encrypted with ansible-vault, which Runbook cannot decrypt",
                "decrypt it ('ansible-vault decrypt'), "
                    + "or keep the secret out of the inventory and pass it at run time"
            );
            return null;
        }

        var found = new DiagnosticBag();
        var document = SourceLoader.ParseYaml(text, found);
        if (document.Root is null)
        {
            // An empty file (or one holding only comments) sets nothing, as in Ansible.
            if (found.ToSortedList().Any(d => d.Code != Codes.EmptyFile.Id))
                diagnostics.AddRange(found.ToSortedList());
            return null;
        }

        diagnostics.AddRange(found.ToSortedList());
        var reader = new NodeReader(diagnostics);
        if (reader.Mapping(document.Root, "a vars file") is not { } map)
            return null;
        var values = new YamlValueReader(reader, ansible: true);
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in AnsibleYaml.Entries(map, diagnostics))
        {
            AnsibleYamlReader.Read(reader, values, key, value, vars, group: null);
        }

        return vars;
    }
}
