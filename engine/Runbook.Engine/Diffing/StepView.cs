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
    IReadOnlyList<KeyValuePair<string, string>> Commands,
    string Label = "step"
)
{
    public string Header => $"{Label} {Number}. {Name}  [{Attributes}]";

    /// <summary>Whether the step runs on the controller ('on: local').</summary>
    public bool Local { get; init; }

    /// <summary>The step's retries, null when it has none.</summary>
    public Model.StepRetries? Retries { get; init; }

    /// <summary>What a file step puts on each host, for steps that put content there.</summary>
    public IReadOnlyList<KeyValuePair<string, ContentView>> Contents { get; init; } = [];

    /// <summary>
    /// The steps of one of the phase's lists: its steps, or its clean-up ('on_failure step 1. …', 'finally step 1. …').
    /// </summary>
    public static List<StepView> Of(PhaseNode phase, StepList list = StepList.Steps)
    {
        var nodes = list switch
        {
            StepList.OnFailure => phase.Batches.SelectMany(b => b.Cleanup).SelectMany(c => c.OnFailure).ToList(),
            StepList.Finally => phase.Batches.SelectMany(b => b.Cleanup).SelectMany(c => c.Finally).ToList(),
            _ => phase.Batches.SelectMany(b => b.Segments).SelectMany(s => s.Steps).ToList(),
        };
        var label = list == StepList.Steps ? "step" : $"{list.Key()} step";
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
                new StepView(group.Key, first.Name, PlanText.Attributes(first), content, commands, label)
                {
                    Local = first.Local,
                    Retries = first.Retries,
                    Contents = contents,
                }
            );
        }

        return views;
    }
}
