using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>A gate of a phase seen across its batches: what it checks, and its command in each batch.</summary>
internal sealed record GateView(
    string Name,
    string Check,
    IReadOnlyList<KeyValuePair<string, string>> Commands,
    string Noun = "gate"
)
{
    public string Header => $"{Noun} \"{Name}\" on {Check}";

    /// <summary>What the gate checks, by which a renamed gate is paired (the change rules pair the same way).</summary>
    public string Pairing { get; init; } = string.Empty;

    /// <summary>The phase's gates, or its preconditions (<paramref name="preconditions"/>).</summary>
    public static List<GateView> Of(PhaseNode phase, bool preconditions = false)
    {
        var views = new List<GateView>();
        IEnumerable<GateNode> Of(BatchNode b) => preconditions ? b.Preconditions : b.Gates;
        var names = phase.Batches.SelectMany(Of).Select(g => g.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            var commands = new List<KeyValuePair<string, string>>();
            GateNode? first = null;
            foreach (var batch in phase.Batches)
            {
                foreach (var gate in Of(batch).Where(g => g.Name == name))
                {
                    first ??= gate;
                    var text = gate.PerHost.IsEmpty
                        ? gate.Check.Command.Display
                        : string.Join("\n", gate.PerHost.Select(t => $"on {t.Host}: {t.Check.Command.Display}"));
                    commands.Add(new($"{phase.Number}.{batch.Number}", text));
                }
            }

            var noun = preconditions ? "precondition" : "gate";
            views.Add(
                new GateView(name, $"{first!.Target}, {PlanText.Check(first)}", commands, noun)
                {
                    Pairing = Safety.GatePairs.Key(first),
                }
            );
        }

        return views;
    }
}
