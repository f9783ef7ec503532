using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>
/// One step of a phase seen across all its batches: its name, attributes, and the command it renders to on each host
/// (a step that runs once is keyed by its target, like any(role=etcd)). What the differ compares.
/// </summary>
internal sealed record StepView(
    int Number,
    string Name,
    string Attributes,
    string Content,
    IReadOnlyList<KeyValuePair<string, string>> Commands
)
{
    public string Header => $"step {Number}. {Name}  [{Attributes}]";

    /// <summary>What a file step puts on each host, for steps that put content there.</summary>
    public IReadOnlyList<KeyValuePair<string, ContentView>> Contents { get; init; } = [];

    public static List<StepView> Of(PhaseNode phase)
    {
        var nodes = phase.Batches.SelectMany(b => b.Segments).SelectMany(s => s.Steps).ToList();
        var views = new List<StepView>();
        foreach (var group in nodes.GroupBy(n => n.Number).OrderBy(g => g.Key))
        {
            var first = group.FirstOrDefault(n => n.SkipReason is null) ?? group.First();
            var commands = new List<KeyValuePair<string, string>>();
            var contents = new List<KeyValuePair<string, ContentView>>();
            foreach (var node in group)
            {
                var text = node.Command?.Display;
                if (text is not null && !commands.Any(c => c.Key == node.Host))
                    commands.Add(new(node.Host, text));
                if (node.Work?.Content is { } put && !contents.Any(c => c.Key == node.Host))
                    contents.Add(new(node.Host, put));
            }

            var key = first.Work is { } work ? work.DiffKey : string.Empty;
            var content = $"{first.Kind}|{key}|{(commands.Count > 0 ? commands[0].Value : string.Empty)}";
            views.Add(
                new StepView(group.Key, first.Name, PlanText.Attributes(first), content, commands)
                {
                    Contents = contents,
                }
            );
        }

        return views;
    }
}
