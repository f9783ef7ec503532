using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// Rules on a change to one phase (base → head): gates removed (RB1003) or loosened (RB1004), become added (RB1005),
/// failure tolerance raised (RB1006), waits shortened (RB1007), preconditions removed (RB1003), on_failure steps
/// removed (RB1010). Steps and gates are compared by name, then renamed ones by what they do (a gate renamed with the
/// same check is the same gate: <see cref="GatePairs"/>).
/// </summary>
internal static class ChangeRules
{
    public static IEnumerable<RiskNote> Check(PhaseNode before, PhaseNode after)
    {
        var notes = new List<RiskNote>();
        void Add(DiagnosticCode code, string message) =>
            notes.Add(new RiskNote(code.Id, Severity.Warning, after.Name, message, after.Span));

        var p = $"phase '{after.Name}'";
        var oldGates = Gates(before, b => b.Gates);
        var newGates = Gates(after, b => b.Gates);
        var renamed = GatePairs.Renames(oldGates, newGates);
        foreach (var (oldName, gate) in oldGates)
        {
            var name = renamed.GetValueOrDefault(oldName, oldName);
            if (!newGates.TryGetValue(name, out var now))
            {
                Add(Codes.GateRemoved, $"gate '{name}' was removed from {p}");
                continue;
            }

            if (now.Become && !gate.Become)
                Add(Codes.BecomeAdded, $"gate '{name}' of {p} now runs as root (become)");
            if (now.Check.Within < gate.Check.Within)
                Add(
                    Codes.GateLoosened,
                    $"gate '{name}' of {p} now gives up after {now.Check.Within} instead of {gate.Check.Within}"
                );
            if (gate.Mode == TargetMode.All && now.Mode == TargetMode.Any)
                Add(Codes.GateLoosened, $"gate '{name}' of {p} now passes on any one host instead of on each of them");
            else if (
                now.Mode == gate.Mode
                && gate.Mode == TargetMode.All
                && now.Candidates.Length < gate.Candidates.Length
            )
                Add(
                    Codes.GateLoosened,
                    $"gate '{name}' of {p} now checks {now.Candidates.Length} hosts instead of {gate.Candidates.Length}"
                );
        }

        var oldPreconditions = Gates(before, b => b.Preconditions);
        var newPreconditions = Gates(after, b => b.Preconditions);
        var renamedPreconditions = GatePairs.Renames(oldPreconditions, newPreconditions);
        foreach (var name in oldPreconditions.Keys.Except(newPreconditions.Keys).Except(renamedPreconditions.Keys))
            Add(Codes.GateRemoved, $"precondition '{name}' was removed from {p}");
        var keptCleanup = CleanupSteps(after);
        foreach (var (name, step) in CleanupSteps(before))
        {
            // A step renamed with the same command is the same clean-up.
            if (!keptCleanup.ContainsKey(name) && !keptCleanup.Values.Any(s => s.Effect?.Text == step.Effect?.Text))
                Add(Codes.OnFailureRemoved, $"on_failure step '{name}' was removed from {p}");
        }

        if (after.MaxFailures > before.MaxFailures)
            Add(
                Codes.FailuresRaised,
                $"{p} now goes on after {after.MaxFailures} failed hosts instead of {before.MaxFailures} (max_failures)"
            );
        if (after.MaxFailPercent is { } np && (before.MaxFailPercent is not { } op || np > op))
        {
            Add(
                Codes.FailuresRaised,
                $"{p} now goes on after {np}% failed hosts instead of "
                    + $"{(before.MaxFailPercent is { } o ? o + "%" : "none")} (max_fail_percent)"
            );
        }

        var oldSteps = Steps(before);
        var newSteps = Steps(after);
        var renamedTo = renamed.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, gate) in newGates.Where(g => g.Value.Become && !oldGates.ContainsKey(g.Key)))
        {
            // A renamed gate was compared with its old self above.
            if (!renamedTo.Contains(name))
                Add(Codes.BecomeAdded, $"new gate '{name}' of {p} runs as root (become)");
        }

        foreach (var (name, step) in newSteps)
        {
            // A step renamed with the same command is the same step (the differ pairs it by content too).
            var was =
                oldSteps.GetValueOrDefault(name)
                ?? oldSteps.Values.FirstOrDefault(o =>
                    !newSteps.ContainsKey(o.Name)
                    && o.Kind == step.Kind
                    && o.Effect?.Text == step.Effect?.Text
                    && Waits(o) == Waits(step)
                );
            if (step.Become && was is null)
                Add(Codes.BecomeAdded, $"new step '{name}' of {p} runs as root (become)");
            else if (step.Become && !was!.Become)
                Add(Codes.BecomeAdded, $"step '{name}' of {p} now runs as root (become)");
            if (Waits(was) is { } ow && Waits(step) is { } nw && nw < ow)
                Add(Codes.WaitShortened, $"step '{name}' of {p} now waits {nw} instead of {ow}");
        }

        return notes;
    }

    /// <summary>How long a wait step waits; null for other kinds.</summary>
    private static Duration? Waits(StepNode? step) => step?.Work?.Waits;

    /// <summary>The phase's gates (or preconditions) by name, each as in the first batch that has it.</summary>
    private static SortedDictionary<string, GateNode> Gates(PhaseNode phase, Func<BatchNode, IEnumerable<GateNode>> of)
    {
        var gates = new SortedDictionary<string, GateNode>(StringComparer.Ordinal);
        foreach (var gate in phase.Batches.SelectMany(of))
            gates.TryAdd(gate.Name, gate);
        return gates;
    }

    /// <summary>The phase's on_failure steps by name.</summary>
    private static SortedDictionary<string, StepNode> CleanupSteps(PhaseNode phase)
    {
        var steps = new SortedDictionary<string, StepNode>(StringComparer.Ordinal);
        foreach (var step in phase.Batches.SelectMany(b => b.Cleanup).SelectMany(c => c.OnFailure))
            steps.TryAdd(step.Name, step);
        return steps;
    }

    private static SortedDictionary<string, StepNode> Steps(PhaseNode phase)
    {
        var steps = new SortedDictionary<string, StepNode>(StringComparer.Ordinal);
        var all = phase.Batches.SelectMany(b => b.Segments).SelectMany(s => s.Steps).ToList();
        foreach (var step in all.Where(s => s.SkipReason is null).Concat(all))
            steps.TryAdd(step.Name, step);
        return steps;
    }
}
