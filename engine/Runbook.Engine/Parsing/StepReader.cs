using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class StepReader
{
    private static readonly string[] Keys = ["name", "run", "wait", "verify", "become", "timeout", "when", "env", "on", "capture"];
    private static readonly string[] Kinds = ["run", "wait", "verify"];

    public static List<StepDefinition> ReadAll(NodeReader r, SyntaxNode? node, MappingSyntax phase, string where)
    {
        var steps = new List<StepDefinition>();
        if (node is null)
        {
            r.Diagnostics.Error(Codes.MissingKey, phase.Span, $"{where} needs 'steps'", "add 'steps:' with at least one step");
            return steps;
        }

        var seq = r.Sequence(node, "'steps'");
        if (seq is null) return steps;
        if (seq.Items.Count == 0) r.Diagnostics.Error(Codes.MissingKey, seq.Span, $"'steps' of {where} is empty", "add at least one step");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            if (Read(r, item, steps.Count + 1) is not { } step) continue;
            if (seen.TryGetValue(step.Name, out var line))
            {
                r.Diagnostics.Error(Codes.DuplicateStep, step.Span, $"duplicate step name '{step.Name}' in {where} (first used at line {line})");
            }
            else
            {
                seen[step.Name] = step.Span.Line;
            }

            steps.Add(step);
        }

        return steps;
    }

    private static StepDefinition? Read(NodeReader r, SyntaxNode node, int number)
    {
        var map = r.Mapping(node, $"step {number}");
        if (map is null) return null;
        var nameNode = r.Required(map, "name", $"step {number}");
        var name = nameNode?.Value ?? $"step {number}";
        var where = $"step '{name}'";
        r.CheckKeys(map, where, Keys);

        var kinds = Kinds.Where(k => map[k] is not null).ToList();
        if (kinds.Count != 1)
        {
            var message = kinds.Count == 0
                ? $"{where} has no 'run', 'wait' or 'verify'"
                : $"{where} has both '{kinds[0]}' and '{kinds[1]}'";
            r.Diagnostics.Error(Codes.StepKind, nameNode?.Span ?? map.Span, message, kinds.Count == 0 ? null : "split it into two steps");
        }

        var kind = kinds.Count > 0 ? (StepKind)Array.IndexOf(Kinds, kinds[0]) : StepKind.Run;
        var wait = ValueReaders.Template(r, map["wait"], "'wait'");
        if (wait is not null && !wait.IsTemplate && !Duration.TryParse(wait.Source, out _))
        {
            r.Diagnostics.Error(Codes.BadDuration, wait.Span, $"'wait' is not a duration: '{wait.Source}'");
        }

        var verify = map["verify"] is { } v ? VerifyReader.Read(r, v, where) : null;
        var on = ValueReaders.Template(r, map["on"], "'on'") is { } onText
            ? HostTargetParser.Parse(onText.Source, onText.Span, r.Diagnostics)
            : null;
        if (on?.Mode == TargetMode.All)
        {
            r.Diagnostics.Error(Codes.BadSelector, on.Span, $"a step's 'on' cannot use all(...)", "use a plain selector to run on each matching host of the batch, or any(...) to run once per batch");
        }

        var capture = ReadCapture(r, map, kind, where);
        return new StepDefinition(
            name,
            kind,
            ValueReaders.Template(r, map["run"], "'run'"),
            wait,
            verify,
            r.Bool(map, "become") ?? false,
            ValueReaders.Duration(r, map, "timeout"),
            ValueReaders.Template(r, map["when"], "'when'"),
            EnvReader.Read(r, map["env"]),
            on,
            nameNode?.Span ?? map.Span)
        {
            Capture = capture?.Value,
            CaptureSpan = capture?.Span,
        };
    }

    private static ScalarSyntax? ReadCapture(NodeReader r, MappingSyntax map, StepKind kind, string where)
    {
        if (map["capture"] is not { } node || r.Scalar(node, "'capture'") is not { IsNull: false } s) return null;
        if (!Names.IsIdentifier(s.Value))
        {
            r.Diagnostics.Error(Codes.InvalidName, s.Span, $"'{s.Value}' is not a valid capture name", "use letters, digits and '_', starting with a letter or '_', so templates can say captures.NAME");
            return null;
        }

        if (kind != StepKind.Wait) return s;
        r.Diagnostics.Error(Codes.CaptureOnWait, s.Span, $"{where} is a 'wait' step and has no output to capture");
        return null;
    }
}
