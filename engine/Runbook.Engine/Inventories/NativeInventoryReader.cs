using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Reads Runbook's own inventory format: 'hosts' keyed by name, with optional 'defaults'.</summary>
internal sealed class NativeInventoryReader(SourceText source, NodeReader reader)
{
    private static readonly string[] Keys =
    [
        "inventory",
        "description",
        "known_hosts",
        "ssh_config",
        "defaults",
        "hosts",
        "quorum_roles",
    ];
    private static readonly string[] DefaultsKeys = ["user", "port", "identity_file", "jump", "labels", "vars"];

    private readonly YamlValueReader _values = new(reader);

    public InventoryDefinition Read(MappingSyntax root, string defaultName)
    {
        reader.CheckKeys(root, "the inventory", Keys);
        var name = reader.String(root, "inventory", "the inventory") ?? defaultName;
        _ = reader.String(root, "description", "the inventory"); // read for its type check: the model has no description
        var knownHosts = FilePath(root, "known_hosts", "./known_hosts");
        var sshConfig = FilePath(root, "ssh_config", "./ssh_config");
        var defaults = Defaults(root["defaults"]);
        var jumps = new List<JumpReference>();
        var hosts = Hosts(root, new NativeHostReader(reader, _values, defaults), jumps);
        JumpHostValidator.Check(hosts, jumps, defaults.Jump, reader.Diagnostics);
        return new InventoryDefinition(name, InventoryFormat.Native, hosts, knownHosts, source)
        {
            QuorumRoles = QuorumRoles.Read(reader, root["quorum_roles"]),
            SshConfigFile = sshConfig,
        };
    }

    private List<HostDefinition> Hosts(MappingSyntax root, NativeHostReader hostReader, List<JumpReference> jumps)
    {
        if (root.KeyOf("hosts") is null)
        {
            reader.Diagnostics.Error(
                Codes.MissingKey,
                root.Span,
                "the inventory needs 'hosts'",
                "add 'hosts:' with one entry per host"
            );
            return [];
        }

        var node = root["hosts"];
        if (node is ScalarSyntax { IsNull: true } || reader.Mapping(node, "'hosts'") is not { } hosts)
            return [];
        var result = new List<HostDefinition>(hosts.Entries.Count);
        foreach (var (key, spec) in hosts.Entries)
        {
            if (HostName.IsValid(key.Value, key.Span, reader.Diagnostics))
                result.Add(hostReader.Read(key, spec, jumps));
        }

        return result;
    }

    private NativeDefaults Defaults(SyntaxNode? node)
    {
        var map = node is ScalarSyntax { IsNull: true } ? null : reader.Mapping(node, "'defaults'");
        if (map is null)
            return new NativeDefaults(null, null, null, null, Empty<string>(), Empty<object?>());
        reader.CheckKeys(map, "defaults", DefaultsKeys);
        return new NativeDefaults(
            reader.String(map, "user", "defaults"),
            PortNumber.Read(map["port"], "'port'", reader, acceptQuoted: false),
            reader.String(map, "identity_file", "defaults"),
            reader.Scalar(map["jump"], "'jump'") is { IsNull: false } jump ? jump : null,
            _values.Labels(map["labels"], "'labels'") ?? Empty<string>(),
            _values.Vars(map["vars"], "'vars'") ?? Empty<object?>()
        );
    }

    /// <summary>
    /// A file path key (known_hosts, ssh_config) as an absolute path: relative paths are relative to the inventory's
    /// directory (not the current directory), so an inventory works from wherever it is used; '~/' is the user's home
    /// directory.
    /// </summary>
    private string? FilePath(MappingSyntax root, string key, string example)
    {
        if (reader.String(root, key, "the inventory") is not { } path)
            return null;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            reader.Diagnostics.Error(
                Codes.InvalidValue,
                root[key]!.Span,
                $"'{key}' must be a file path",
                $"write a path relative to the inventory file, like {example}"
            );
            return null;
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.GetFullPath(
                Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..])
            );
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(source.Path)) ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(path, directory);
    }

    private static SortedDictionary<string, T> Empty<T>() => new(StringComparer.Ordinal);
}
