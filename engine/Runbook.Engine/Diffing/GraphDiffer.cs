using Runbook.Graph;
using Runbook.Planning;
using Runbook.Safety;

namespace Runbook.Diffing;

/// <summary>
/// Compares two execution graphs, not YAML text: a change of formatting or comments compiles to the same graph and
/// is no change. Phases are paired by name, then by content (selector and step names), which finds renames.
/// </summary>
public static class GraphDiffer
{
    public static DiffResult Compare(ExecutionGraph before, ExecutionGraph after, string baseLabel, string headLabel)
    {
        var pairs = Matcher.Pair(before.Phases, after.Phases, p => p.Name, Content);
        var phases = new List<PhaseDiff>();
        var unchanged = 0;
        foreach (var pair in pairs)
        {
            if (pair.Before is null)
                phases.Add(
                    new PhaseDiff(
                        pair.After!.Name,
                        PhaseStatus.Added,
                        null,
                        pair.After.Number,
                        PhaseDiffer.Listing(pair.After, '+')
                    )
                    {
                        Compact = PhaseDiffer.Listing(pair.After, '+', compact: true),
                    }
                );
            else if (pair.After is null)
                phases.Add(
                    new PhaseDiff(
                        pair.Before.Name,
                        PhaseStatus.Removed,
                        pair.Before.Number,
                        null,
                        PhaseDiffer.Listing(pair.Before, '-')
                    )
                    {
                        Compact = PhaseDiffer.Listing(pair.Before, '-', compact: true),
                    }
                );
            else if (PhaseDiffer.Compare(pair) is { Count: > 0 } lines)
                phases.Add(
                    new PhaseDiff(pair.After.Name, PhaseStatus.Changed, pair.Before.Number, pair.After.Number, lines)
                    {
                        Compact = PhaseDiffer.Compare(pair, compact: true),
                    }
                );
            else
                unchanged++;
        }

        // An added phase is compared with an empty one of its name, a removed phase with an empty one too: a new phase
        // of become steps adds root steps, and removing a phase removes its gates.
        var compared = pairs.Select(p => (p.Before ?? Empty(p.After!), p.After ?? Empty(p.Before!)));
        var risks = SafetyRules.Compare(before, after, compared);
        return new DiffResult(
            baseLabel,
            headLabel,
            after.Runbook,
            after.Inventory,
            unchanged,
            Header(before, after),
            phases,
            risks
        )
        {
            Secrets = before.Secrets.With(after.Secrets),
            BaseHash = PlanHash.OfPlan(before),
            HeadHash = PlanHash.OfPlan(after),
        };
    }

    private static PhaseNode Empty(PhaseNode phase) =>
        phase with
        {
            Batches = [],
            MaxFailures = 0,
            MaxFailPercent = null,
            AcceptedRisks = [],
        };

    private static string Content(PhaseNode phase) =>
        phase.Selector + "|" + string.Join("|", StepView.Of(phase).Select(s => s.Name));

    private static List<DiffLine> Header(ExecutionGraph a, ExecutionGraph b)
    {
        var lines = new List<DiffLine>();
        if (a.Runbook != b.Runbook)
            lines.Add(DiffLine.Note(0, $"runbook renamed: {a.Runbook} -> {b.Runbook}"));
        if (a.Description?.Trim() != b.Description?.Trim())
        {
            lines.Add(DiffLine.Note(0, "description changed"));
            lines.AddRange(LineDiff.Compare(Lines(a.Description), Lines(b.Description), 1));
        }

        if (a.Inventory != b.Inventory || a.InventoryHosts != b.InventoryHosts)
        {
            lines.Add(
                DiffLine.Note(
                    0,
                    $"inventory {a.Inventory} ({PlanText.Count(a.InventoryHosts, "host")}) -> "
                        + $"{b.Inventory} ({PlanText.Count(b.InventoryHosts, "host")})"
                )
            );
        }

        if (!a.QuorumRoles.SequenceEqual(b.QuorumRoles))
            lines.Add(
                DiffLine.Note(
                    0,
                    $"quorum roles {string.Join(", ", a.QuorumRoles)} -> {string.Join(", ", b.QuorumRoles)}"
                )
            );
        // Compared as shown: the record's candidate array and source span differ between two compilations of the
        // same lock (a git revision and the working file), which is no change.
        if ((a.Lock is { } al ? PlanText.Lock(al) : null) != (b.Lock is { } bl ? PlanText.Lock(bl) : null))
        {
            if (a.Lock is { } was)
                lines.Add(new DiffLine(0, '-', PlanText.Lock(was)));
            if (b.Lock is { } now)
                lines.Add(new DiffLine(0, '+', PlanText.Lock(now)));
        }

        var oldParams = a.Params.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var newParams = b.Params.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var p in a.Params.Where(p => !newParams.ContainsKey(p.Name)))
            lines.Add(new DiffLine(0, '-', "param " + PlanText.Params(p)));
        foreach (var p in b.Params)
        {
            if (!oldParams.TryGetValue(p.Name, out var old))
                lines.Add(new DiffLine(0, '+', "param " + PlanText.Params(p)));
            else if (old != p)
                lines.Add(DiffLine.Note(0, $"param {p.Name} = {old.Display} -> {p.Display} ({Source(p)})"));
        }

        return lines;
    }

    private static string Source(ParamValue p) => PlanText.Params(p)[(PlanText.Params(p).LastIndexOf('(') + 1)..^1];

    private static string[] Lines(string? text) => text is null ? [] : text.Trim().Split('\n');
}
