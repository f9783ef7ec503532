using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class GateReader
{
    private static readonly string[] Keys = ["name", "on", "verify", "become", RequiresReader.Key];

    public static List<GateDefinition> ReadAll(NodeReader r, SyntaxNode? node, string phase)
    {
        var gates = new List<GateDefinition>();
        if (node is null or ScalarSyntax { IsNull: true })
            return gates;
        var seq = r.Sequence(node, "'gates'");
        if (seq is null)
            return gates;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            var map = r.Mapping(item, $"gate {gates.Count + 1} of {phase}");
            if (map is null)
                continue;
            var nameNode = r.Required(map, "name", $"gate {gates.Count + 1} of {phase}");
            var name = nameNode?.Value ?? $"gate {gates.Count + 1}";
            var where = $"gate '{name}'";
            r.CheckKeys(map, where, Keys);
            var span = nameNode?.Span ?? map.Span;
            if (!seen.TryAdd(name, span.Line))
            {
                r.Diagnostics.Error(
                    Codes.DuplicateStep,
                    span,
                    $"duplicate gate name '{name}' in {phase} (first used at line {seen[name]})",
                    "gate names must be unique within a phase: rename one of them"
                );
            }

            var on = ValueReaders.Template(r, map["on"], "'on'") is { } onText
                ? HostTargetParser.Parse(onText.Source, onText.Span, r.Diagnostics)
                : null;
            if (map["verify"] is null)
            {
                r.Diagnostics.Error(
                    Codes.MissingKey,
                    span,
                    $"{where} needs 'verify'",
                    "add 'verify: { run: ..., within: ... }'"
                );
                continue;
            }

            var become = r.Bool(map, "become") ?? false;
            var requires = RequiresReader.Read(r, map[RequiresReader.Key], where);
            if (VerifyReader.Read(r, map["verify"]!, where) is { } verify)
                gates.Add(new GateDefinition(name, on, verify, become, span) { Requires = requires });
        }

        return gates;
    }
}
