using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class GateReader
{
    private static readonly string[] Keys = ["name", "on", "verify", "become", RequiresReader.Key];

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
        if (node is null or ScalarSyntax { IsNull: true })
            return [];
        var seq = r.Sequence(node, $"'{key}'");
        return seq is null ? [] : ReadList(r, seq, phase, noun);
    }

    /// <summary>
    /// The gates of a list as written, each include item replaced by the gates of its file; gate names must be unique
    /// across all of them. Any list of gates a phase has reads with this.
    /// </summary>
    public static List<GateDefinition> ReadList(NodeReader r, SequenceSyntax seq, string phase, string noun = "gate")
    {
        var gates = new List<GateDefinition>();
        Collect(r, seq, phase, noun, gates, new Dictionary<string, SourceSpan>(StringComparer.Ordinal));
        return gates;
    }

    private static void Collect(
        NodeReader r,
        SequenceSyntax seq,
        string phase,
        string noun,
        List<GateDefinition> gates,
        Dictionary<string, SourceSpan> seen
    )
    {
        foreach (var item in seq.Items)
        {
            if (IncludeReader.IsInclude(item))
            {
                IncludeReader.Expand(r, item, "gates", (inner, list) => Collect(inner, list, phase, noun, gates, seen));
                continue;
            }

            if (Read(r, item, gates.Count + 1, phase, noun, seen) is { } gate)
                gates.Add(r.Include?.Origin is { } origin ? gate with { Origin = origin } : gate);
        }
    }

    private static GateDefinition? Read(
        NodeReader r,
        SyntaxNode item,
        int number,
        string phase,
        string noun,
        Dictionary<string, SourceSpan> seen
    )
    {
        var map = r.Mapping(item, $"{noun} {number} of {phase}");
        if (map is null)
            return null;
        var nameNode = r.Required(map, "name", $"{noun} {number} of {phase}");
        var name = r.Named(nameNode?.Value ?? $"{noun} {number}");
        var where = $"{noun} '{name}'";
        r.CheckKeys(map, where, Keys);
        var span = nameNode?.Span ?? map.Span;
        if (!seen.TryAdd(name, span))
        {
            r.Diagnostics.Error(
                Codes.DuplicateStep,
                span,
                $"duplicate {noun} name '{name}' in {phase} (first used at {StepReader.FirstUse(seen[name], span)})",
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
            return null;
        }

        var become = r.Bool(map, "become") ?? false;
        var requires = RequiresReader.Read(r, map[RequiresReader.Key], where);
        return VerifyReader.Read(r, map["verify"]!, where) is { } verify
            ? new GateDefinition(name, on, verify, become, span) { Requires = requires }
            : null;
    }
}
