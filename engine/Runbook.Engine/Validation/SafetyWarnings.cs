using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Safety;

namespace Runbook.Validation;

/// <summary>Runs the safety rules for <c>runbook validate</c> and adds what they find as warnings.</summary>
internal static class SafetyWarnings
{
    private static readonly Dictionary<string, string?> Hints = new[]
    {
        Codes.QuorumAtRisk,
        Codes.UnitLeftStopped,
        Codes.GateRemoved,
        Codes.GateLoosened,
        Codes.BecomeAdded,
        Codes.FailuresRaised,
        Codes.WaitShortened,
        Codes.RiskAccepted,
        Codes.AcceptanceUnused,
        Codes.OnFailureRemoved,
        Codes.HostDisruptedTwice,
        Codes.DisruptedHostUnchecked,
        Codes.SerialRaised,
    }.ToDictionary(c => c.Id, c => c.DefaultHint, StringComparer.Ordinal);

    /// <summary>With an inventory: compile (compile errors are reported) and check the graph; without: check the runbook as written.</summary>
    public static void Add(
        RunbookDefinition runbook,
        InventoryDefinition? inventory,
        CompileOptions options,
        DiagnosticBag bag
    )
    {
        IReadOnlyList<RiskNote> notes;
        if (inventory is null)
        {
            notes = SafetyRules.Check(runbook);
        }
        else
        {
            var graph = Compiler.Compile(runbook, inventory, options, bag);
            if (graph is null)
                return;
            notes = SafetyRules.Check(graph);
        }

        foreach (var note in notes)
            bag.Add(note.ToDiagnostic(Hints.GetValueOrDefault(note.Code)));
    }
}
