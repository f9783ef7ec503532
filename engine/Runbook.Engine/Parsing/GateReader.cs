using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class GateReader
{
    private static readonly string[] Keys = ["name", "on", "verify", "become"];

    /// <summary>
    /// Reads a phase's 'gates', or another list of the same shape (<paramref name="key"/> 'preconditions', whose
    /// items are called <paramref name="noun"/> in messages).
    /// </summary>
    public static List<GateDefinition> ReadAll(
        NodeReader r,
        SyntaxNode? node,
        string phase,
        string key = "gates",
        string noun = "gate"
    )
    {
        var gates = new List<GateDefinition>();
        if (node is null or ScalarSyntax { IsNull: true })
            return gates;
        var seq = r.Sequence(node, $"'{key}'");
        if (seq is null)
            return gates;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            var map = r.Mapping(item, $"{noun} {gates.Count + 1} of {phase}");
            if (map is null)
                continue;
            var nameNode = r.Required(map, "name", $"{noun} {gates.Count + 1} of {phase}");
            var name = nameNode?.Value ?? $"{noun} {gates.Count + 1}";
            var where = $"{noun} '{name}'";
            r.CheckKeys(map, where, Keys);
            var span = nameNode?.Span ?? map.Span;
            if (!seen.TryAdd(name, span.Line))
            {
                r.Diagnostics.Error(
                    Codes.DuplicateStep,
                    span,
                    $"duplicate {noun} name '{name}' in {phase} (first used at line {seen[name]})",
                    $"{noun} names must be unique within a phase: rename one of them"
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
            if (VerifyReader.Read(r, map["verify"]!, where) is { } verify)
                gates.Add(new GateDefinition(name, on, verify, become, span));
        }

        return gates;
    }
}
