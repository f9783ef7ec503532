using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Steps;
using Runbook.Selectors;

namespace Runbook.Parsing;

internal static class PhaseReader
{
    private static readonly string[] Keys =
    [
        "name",
        "description",
        "hosts",
        "serial",
        "max_failures",
        "max_fail_percent",
        "allow_empty",
        "accept_risks",
        "steps",
        "gates",
        "preconditions",
        "on_failure",
        "finally",
    ];

    public static List<PhaseDefinition> ReadAll(NodeReader r, SyntaxNode? node, MappingSyntax runbook)
    {
        var phases = new List<PhaseDefinition>();
        if (node is null)
        {
            r.Diagnostics.Error(
                Codes.MissingKey,
                runbook.Span,
                "a runbook needs 'phases'",
                "add 'phases:' with at least one phase"
            );
            return phases;
        }

        var seq = r.Sequence(node, "'phases'");
        if (seq is null)
            return phases;
        if (seq.Items.Count == 0)
            r.Diagnostics.Error(Codes.MissingKey, seq.Span, "'phases' is empty", "add at least one phase");

        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            if (Read(r, item, phases.Count + 1) is not { } phase)
                continue;
            if (seen.TryGetValue(phase.Name, out var first))
            {
                r.Diagnostics.Error(
                    Codes.DuplicatePhase,
                    phase.Span,
                    $"duplicate phase name '{phase.Name}' (first used at line {first.Line})"
                );
            }
            else
            {
                seen[phase.Name] = phase.Span;
            }

            phases.Add(phase);
        }

        return phases;
    }

    private static PhaseDefinition? Read(NodeReader r, SyntaxNode node, int number)
    {
        var map = r.Mapping(node, $"phase {number}");
        if (map is null)
            return null;
        var nameNode = r.Required(map, "name", $"phase {number}");
        var name = nameNode?.Value ?? $"phase {number}";
        var where = $"phase '{name}'";
        r.CheckKeys(map, where, Keys);

        Selector selector = EveryHostSelector.Instance;
        var hostsNode = r.Required(map, "hosts", where);
        var hostsSpan = hostsNode?.Span ?? map.Span;
        if (hostsNode is not null)
        {
            selector =
                SelectorParser.Parse(
                    hostsNode.Value,
                    hostsNode.Span.WithOffset(hostsNode.ContentOffset, 1),
                    r.Diagnostics
                ) ?? selector;
        }

        // A template (serial: "{{ params.batch }}") is resolved when compiling; the literal readers skip it.
        var rollout = RolloutReader.Read(r, map);
        var maxPercent = rollout?.MaxFailPercent is null ? r.Int(map, "max_fail_percent") : null;
        if (maxPercent > 100)
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                map["max_fail_percent"]!.Span,
                $"'max_fail_percent' must be from 0 to 100, not {maxPercent}"
            );
        }

        var steps = StepReader.ReadAll(r, map["steps"], map, where);
        var gates = GateReader.ReadAll(r, map["gates"], where);
        var preconditions = GateReader.ReadAll(r, map["preconditions"], where, "preconditions", "precondition");
        var onFailure = CleanupSteps(r, map, where, "on_failure");
        var @finally = CleanupSteps(r, map, where, "finally");
        return new PhaseDefinition(
            name,
            r.String(map, "description", where),
            selector,
            hostsSpan,
            rollout?.Serial is null ? ValueReaders.Serial(r, map["serial"]) : SerialSpec.All,
            (rollout?.MaxFailures is null ? r.Int(map, "max_failures") : null) ?? 0,
            maxPercent,
            r.Bool(map, "allow_empty") ?? false,
            steps,
            gates,
            nameNode?.Span ?? map.Span
        )
        {
            AcceptedRisks = AcceptedRiskReader.Read(r, map["accept_risks"], where),
            Rollout = rollout,
            OnFailure = onFailure,
            Finally = @finally,
            Preconditions = preconditions,
        };
    }

    /// <summary>
    /// 'on_failure' or 'finally': steps read like 'steps', which run on the host whose phase they clean up, so an
    /// on: any(...) (a step for one host of the batch, whichever answers) has no meaning there.
    /// </summary>
    private static List<StepDefinition> CleanupSteps(NodeReader r, MappingSyntax map, string where, string key)
    {
        var steps = StepReader.ReadAll(r, map[key], map, where, key);
        foreach (var step in steps.Where(s => s.On?.Mode == TargetMode.Any))
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                step.On!.Span,
                $"step '{step.Name}' in '{key}' of {where} cannot use on: any(...): '{key}' steps run on the host "
                    + "whose steps they clean up",
                "use a plain selector to choose which of the batch's hosts run it, or move it to 'steps'"
            );
        }

        foreach (var step in steps.Where(s => s.Spec is { } spec && StepKinds.Of(spec).OncePerBatch))
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                step.Span,
                $"step '{step.Name}' in '{key}' of {where} cannot be a '{step.Spec!.Kind}': '{key}' steps run on "
                    + "each host by itself, not once for the batch",
                "move it to 'steps', or leave it out"
            );
        }

        return steps;
    }
}
