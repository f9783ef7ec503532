using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Reads one host of a native inventory and applies the defaults: values on the host win.</summary>
internal sealed class NativeHostReader(NodeReader reader, YamlValueReader values, NativeDefaults defaults)
{
    private static readonly string[] Keys =
    [
        "address",
        "port",
        "user",
        "roles",
        "labels",
        "vars",
        "jump",
        "identity_file",
    ];

    public HostDefinition Read(ScalarSyntax key, SyntaxNode spec, List<JumpReference> jumps)
    {
        var name = key.Value;
        var where = $"host '{name}'";
        var map = spec is ScalarSyntax { IsNull: true } ? null : reader.Mapping(spec, where);
        map ??= new MappingSyntax(key.Span, []);
        reader.CheckKeys(map, where, Keys);

        var jump = Jump(map, name);
        if (jump is not null)
            jumps.Add(jump);
        var address = reader.String(map, "address", where);
        var port = PortNumber.Read(map["port"], "'port'", reader, acceptQuoted: false) ?? defaults.Port;
        return new HostDefinition(
            name,
            address ?? name,
            port ?? PortNumber.Default,
            reader.String(map, "user", where) ?? defaults.User,
            Roles(map["roles"]),
            Merge(defaults.Labels, values.Labels(map["labels"], "'labels'")),
            Merge(defaults.Vars, values.Vars(map["vars"], "'vars'")),
            jump?.To,
            reader.String(map, "identity_file", where) ?? defaults.IdentityFile,
            key.Span
        )
        {
            AddressGiven = address is not null,
            PortGiven = port is not null,
        };
    }

    /// <summary>The host's own jump, else the default one; the default does not apply to the jump host it names.</summary>
    private JumpReference? Jump(MappingSyntax map, string name)
    {
        var own = reader.Scalar(map["jump"], "'jump'");
        var jump = own is { IsNull: false } ? own : defaults.Jump;
        if (jump is null || (jump == defaults.Jump && jump.Value == name))
            return null;
        return new JumpReference(name, jump.Value, jump.Span);
    }

    /// <summary>Role names in the order written; a repeated role counts once.</summary>
    private List<string> Roles(SyntaxNode? node)
    {
        var roles = new List<string>();
        foreach (var role in reader.StringList(node, "'roles'") ?? [])
        {
            if (role.IsNull || role.Value.Length == 0)
            {
                reader.Diagnostics.Error(
                    Codes.InvalidValue,
                    role.Span,
                    "a role name must not be empty",
                    "remove the empty item, or name the role"
                );
            }
            else if (!roles.Contains(role.Value, StringComparer.Ordinal))
            {
                roles.Add(role.Value);
            }
        }

        return roles;
    }

    private static SortedDictionary<string, T> Merge<T>(
        IReadOnlyDictionary<string, T> defaults,
        SortedDictionary<string, T>? own
    )
    {
        var merged = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in defaults)
            merged[key] = value;
        foreach (var (key, value) in own ?? [])
            merged[key] = value;
        return merged;
    }
}
