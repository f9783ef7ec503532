using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>A gate of a phase seen across its batches: what it checks, and its command in each batch.</summary>
internal sealed record GateView(string Name, string Check, IReadOnlyList<KeyValuePair<string, string>> Commands)
{
    public string Header => $"gate \"{Name}\" on {Check}";

    public static List<GateView> Of(PhaseNode phase)
    {
        var views = new List<GateView>();
        var names = phase
            .Batches.SelectMany(b => b.Gates)
            .Select(g => g.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            var commands = new List<KeyValuePair<string, string>>();
            GateNode? first = null;
            foreach (var batch in phase.Batches)
            {
                foreach (var gate in batch.Gates.Where(g => g.Name == name))
                {
                    first ??= gate;
                    var text = gate.PerHost.IsEmpty
                        ? gate.Check.Command.Display
                        : string.Join("\n", gate.PerHost.Select(t => $"on {t.Host}: {t.Check.Command.Display}"));
                    commands.Add(new($"{phase.Number}.{batch.Number}", text));
                }
            }

            views.Add(new GateView(name, $"{first!.Target}, {PlanText.Check(first)}", commands));
        }

        return views;
    }
}
