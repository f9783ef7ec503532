using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Tells the three inventory formats apart, so that an Ansible inventory can be used unchanged.</summary>
internal static partial class InventoryFormatDetector
{
    private static readonly string[] YamlExtensions = [".yaml", ".yml", ".json"];
    private static readonly string[] NativeKeys =
    [
        "inventory",
        "description",
        "known_hosts",
        "ssh_config",
        "defaults",
        "hosts",
    ];

    /// <summary>
    /// YAML by extension; otherwise INI (Ansible's default inventory is an extension-less INI file named 'hosts'),
    /// unless the first line that is not blank or a comment is a YAML document start or mapping key.
    /// </summary>
    public static bool IsYaml(SourceText source)
    {
        if (YamlExtensions.Contains(Path.GetExtension(source.Path), StringComparer.OrdinalIgnoreCase))
            return true;
        foreach (var raw in source.Text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            return line == "---" || YamlKey().IsMatch(line);
        }

        return false;
    }

    /// <summary>Native when the top level has a native key and no Ansible 'all' group.</summary>
    public static bool IsNative(MappingSyntax root) =>
        root.KeyOf("all") is null && NativeKeys.Any(key => root.KeyOf(key) is not null);

    [GeneratedRegex(@"^[\w.-]+:(\s|$)")]
    private static partial Regex YamlKey();
}
