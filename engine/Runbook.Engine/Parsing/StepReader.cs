using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Steps;

namespace Runbook.Parsing;

internal static class StepReader
{
    private static readonly string[] Common =
    [
        "name",
        "become",
        "timeout",
        "when",
        "env",
        "on",
        "capture",
        "retries",
        "requires",
        "disrupts",
    ];
    private static readonly string[] Keys = [.. Common.Take(1), .. StepKinds.Keys, .. Common.Skip(1)];

    /// <summary>
    /// Reads a phase's list of steps: 'steps' (required) or another list of the same shape, such as 'on_failure' or
    /// 'finally' (<paramref name="key"/>), which may be left out but not left empty.
    /// </summary>
    public static List<StepDefinition> ReadAll(
        NodeReader r,
        SyntaxNode? node,
        MappingSyntax phase,
        string where,
        string key = "steps"
    )
    {
        var steps = new List<StepDefinition>();
        if (node is null && key != "steps")
            return steps;
        if (node is null)
        {
            r.Diagnostics.Error(
                Codes.MissingKey,
                phase.Span,
                $"{where} needs 'steps'",
                "add 'steps:' with at least one step"
            );
            return steps;
        }

        var seq = r.Sequence(node, $"'{key}'");
        if (seq is null)
            return steps;
        if (seq.Items.Count == 0)
        {
            r.Diagnostics.Error(
                Codes.MissingKey,
                seq.Span,
                $"'{key}' of {where} is empty",
                key == "steps" ? "add at least one step" : $"add at least one step, or remove '{key}'"
            );
        }

        return ReadList(r, seq, where, key);
    }

    /// <summary>
    /// The steps of a list as written, each include item replaced by the steps of its file (read from there, nested
    /// includes too); step names must be unique across all of them. Any list of steps a phase has reads with this.
    /// </summary>
    public static List<StepDefinition> ReadList(NodeReader r, SequenceSyntax seq, string where, string key = "steps")
    {
        var steps = new List<StepDefinition>();
        Collect(r, seq, where, key, steps, new Dictionary<string, SourceSpan>(StringComparer.Ordinal));
        return steps;
    }

    private static void Collect(
        NodeReader r,
        SequenceSyntax seq,
        string where,
        string key,
        List<StepDefinition> steps,
        Dictionary<string, SourceSpan> seen
    )
    {
        foreach (var item in seq.Items)
        {
            if (IncludeReader.IsInclude(item))
            {
                IncludeReader.Expand(r, item, "steps", (inner, list) => Collect(inner, list, where, key, steps, seen));
                continue;
            }

            if (Read(r, item, steps.Count + 1) is not { } step)
                continue;
            if (seen.TryGetValue(step.Name, out var first))
            {
                r.Diagnostics.Error(
                    Codes.DuplicateStep,
                    step.Span,
                    key == "steps"
                        ? $"duplicate step name '{step.Name}' in {where} (first used at {FirstUse(first, step.Span)})"
                        : $"duplicate step name '{step.Name}' in '{key}' of {where} "
                            + $"(first used at {FirstUse(first, step.Span)})",
                    key == "steps" ? null : $"step names must be unique within '{key}': rename one of them"
                );
            }
            else
            {
                seen[step.Name] = step.Span;
            }

            steps.Add(r.Include?.Origin is { } origin ? step with { Origin = origin } : step);
        }
    }

    /// <summary>"line 12" in the same file, "steps/x.yaml:3" in another (a step brought in by an include).</summary>
    internal static string FirstUse(SourceSpan first, SourceSpan here) =>
        first.File == here.File ? $"line {first.Line}" : $"{first.File}:{first.Line}";

    private static StepDefinition? Read(NodeReader r, SyntaxNode node, int number)
    {
        var map = r.Mapping(node, $"step {number}");
        if (map is null)
            return null;
        var nameNode = r.Required(map, "name", $"step {number}");
        var name = r.Named(nameNode?.Value ?? $"step {number}");
        var where = $"step '{name}'";
        r.CheckKeys(map, where, Keys);

        var kinds = StepKinds.All.Where(k => map[k.Key] is not null).ToList();
        if (kinds.Count != 1)
        {
            var message =
                kinds.Count == 0
                    ? $"{where} has no {Alternatives()}"
                    : $"{where} has both '{kinds[0].Key}' and '{kinds[1].Key}'";
            r.Diagnostics.Error(
                Codes.StepKind,
                nameNode?.Span ?? map.Span,
                message,
                kinds.Count == 0 ? null : "split it into two steps"
            );
        }

        // Every kind present is read, so its own mistakes are reported together with the one about the kinds.
        var specs = kinds.Select(k => k.Read(r, map[k.Key]!, where)).ToList();
        var kind = kinds.Count > 0 ? kinds[0] : null;
        var on = ValueReaders.Template(r, map["on"], "'on'") is { } onText
            ? HostTargetParser.Parse(onText.Source, onText.Span, r.Diagnostics, allowLocal: true)
            : null;
        if (on?.Mode == TargetMode.All)
        {
            r.Diagnostics.Error(
                Codes.BadSelector,
                on.Span,
                $"a step's 'on' cannot use all(...)",
                "use a plain selector to run on each matching host of the batch, or any(...) to run once per batch"
            );
        }

        var become = r.Bool(map, "become") ?? false;
        if (become && on?.Mode == TargetMode.Local)
            LocalSteps.ReportBecome(r, map, where);
        var capture = ReadCapture(r, map, kind, where);
        var disrupts = DisruptsReader.Read(r, map[DisruptsReader.Key], where);
        if (disrupts is not null && kind?.OncePerBatch == true)
        {
            r.Diagnostics.Error(
                Codes.DisruptsOnNoHost,
                map[DisruptsReader.Key]!.Span,
                $"{where} is a '{kind.Key}' step, which runs on no host, and cannot disrupt one"
            );
            disrupts = null;
        }

        var retries = RetriesReader.Read(r, map["retries"], kinds.Count == 1 ? kind : null, where);
        return new StepDefinition(
            name,
            kinds.Count == 1 ? specs[0] : null,
            become,
            ValueReaders.Duration(r, map, "timeout"),
            ValueReaders.Template(r, map["when"], "'when'"),
            EnvReader.Read(r, map["env"]),
            on,
            nameNode?.Span ?? map.Span
        )
        {
            Capture = capture?.Value,
            CaptureSpan = capture?.Span,
            Retries = retries.Retries,
            RetriesTemplates = retries.Templates,
            Requires = RequiresReader.Read(r, map[RequiresReader.Key], where),
            Disrupts = disrupts,
            BecomeGiven = map["become"] is not null,
        };
    }

    /// <summary>"'run', 'wait' or 'verify'": every kind's key, as the error for a step without one lists
    /// them.</summary>
    private static string Alternatives()
    {
        var keys = StepKinds.Keys.Select(k => $"'{k}'").ToList();
        return string.Join(", ", keys.Take(keys.Count - 1)) + " or " + keys[^1];
    }

    private static ScalarSyntax? ReadCapture(NodeReader r, MappingSyntax map, IStepKind? kind, string where)
    {
        if (map["capture"] is not { } node || r.Scalar(node, "'capture'") is not { IsNull: false } s)
            return null;
        if (!Names.IsIdentifier(s.Value))
        {
            r.Diagnostics.Error(
                Codes.InvalidName,
                s.Span,
                $"'{s.Value}' is not a valid capture name",
                "use letters, digits and '_', starting with a letter or '_', so templates can say captures.NAME"
            );
            return null;
        }

        if (kind?.HasOutput != false)
            return s;
        r.Diagnostics.Error(
            Codes.CaptureOnWait,
            s.Span,
            $"{where} is a '{kind.Key}' step and has no output to capture"
        );
        return null;
    }
}
