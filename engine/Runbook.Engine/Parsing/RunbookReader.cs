using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>Reads a runbook file into the model, reporting every structural problem it finds.</summary>
internal static class RunbookReader
{
    internal static readonly string[] TopKeys =
    [
        "runbook",
        "description",
        "params",
        "vars",
        "phases",
        "quorum_roles",
        "lock",
    ];

    public static RunbookDefinition? Load(string path, DiagnosticBag diagnostics)
    {
        var doc = SourceLoader.LoadYaml(path, diagnostics);
        return doc is null ? null : Read(doc, diagnostics);
    }

    /// <summary>Returns the model even when there were errors (as far as it could be read); check the bag.</summary>
    public static RunbookDefinition? Read(SourceDocument document, DiagnosticBag diagnostics)
    {
        var r = new NodeReader(diagnostics) { Include = IncludeFrame.Root(document.Path) };
        if (document.Root is null)
            return null;
        var map = r.Mapping(document.Root, "a runbook");
        if (map is null)
            return null;

        r.CheckKeys(map, "a runbook", TopKeys);
        var nameNode = r.Required(map, "runbook", "a runbook");
        var name = nameNode?.Value ?? "unnamed";
        if (nameNode is not null && !Names.IsRunbookName(name))
        {
            diagnostics.Error(
                Codes.InvalidName,
                nameNode.Span,
                $"'{name}' is not a valid runbook name",
                "use letters, digits, '_', '-' and '.', starting with a letter"
            );
        }

        var parameters = ParamReader.ReadAll(r, map["params"]);
        var vars = ReadVars(r, map["vars"]);
        var phases = PhaseReader.ReadAll(r, map["phases"], map);
        var quorumRoles = QuorumRoles.Read(r, map["quorum_roles"]);
        return new RunbookDefinition(
            name,
            r.String(map, "description", "a runbook"),
            parameters,
            vars,
            phases,
            document.Source
        )
        {
            QuorumRoles = quorumRoles,
            Lock = LockReader.Read(r, map["lock"]),
            Included = r.Include.Files.Read,
            Includes = r.Include.Files.Origins,
        };
    }

    private static List<VarDefinition> ReadVars(NodeReader r, SyntaxNode? node)
    {
        var vars = new List<VarDefinition>();
        if (node is ScalarSyntax { IsNull: true })
            return vars;
        var map = r.Mapping(node, "'vars'");
        if (map is null)
            return vars;
        foreach (var (key, value) in map.Entries)
        {
            if (!Names.IsIdentifier(key.Value))
            {
                r.Diagnostics.Error(
                    Codes.InvalidName,
                    key.Span,
                    $"'{key.Value}' is not a valid var name",
                    "use letters, digits and '_', starting with a letter, so templates can say vars.NAME"
                );
            }

            vars.Add(new VarDefinition(key.Value, PlainValues.From(value), key.Span));
        }

        return vars;
    }
}
