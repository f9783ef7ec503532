using Runbook.Diagnostics;
using Runbook.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Runbook.Cli.Output;

/// <summary>
/// On a terminal: a live table of the current phase and batch, each host with its current step, status and latest output
/// line. Every output line of every host is in the run's journal (and the --events stream).
/// </summary>
internal sealed class LiveRunRenderer(IAnsiConsole console) : IRunObserver
{
    private readonly Lock _lock = new();
    private const int OutputWidth = 60;
    private readonly Dictionary<string, (string Step, StepStatus? Status, string Time)> _hosts = new(
        StringComparer.Ordinal
    );
    private readonly Dictionary<string, string> _output = new(StringComparer.Ordinal);
    private readonly Queue<string> _recent = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _heading = "starting";

    public static LiveRunRenderer For(TextWriter writer) =>
        new(
            AnsiConsole.Create(
                new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(writer),
                    Ansi = AnsiSupport.Detect,
                    Interactive = InteractionSupport.Yes,
                }
            )
        );

    /// <summary>Draws until <see cref="Complete"/> is called.</summary>
    public Task DrawAsync() =>
        console
            .Live(Render())
            .AutoClear(false)
            .StartAsync(async ctx =>
            {
                while (!_finished.Task.IsCompleted)
                {
                    await Task.WhenAny(_finished.Task, Task.Delay(100));
                    ctx.UpdateTarget(Render());
                }
            });

    public void Complete() => _finished.TrySetResult();

    public void OnEvent(RunEvent e)
    {
        lock (_lock)
        {
            switch (e)
            {
                case PhaseStarted p:
                    _heading = $"phase {p.Phase}: {p.Name}";
                    break;
                case BatchStarted b:
                    _heading = _heading.Split(" · ")[0] + $" · batch {b.Batch}";
                    _hosts.Clear();
                    _output.Clear();
                    foreach (var host in b.Hosts)
                        _hosts[host] = ("waiting", null, string.Empty);
                    break;
                case StepOutput o when !string.IsNullOrWhiteSpace(o.Text):
                    _output[o.Host] = o.Text.Length > OutputWidth ? o.Text[..(OutputWidth - 1)] + "…" : o.Text;
                    break;
                case StepStarted s:
                    _hosts[s.Host] = (s.Name, null, string.Empty);
                    break;
                case StepFinished s:
                    _hosts[s.Host] = (s.Name, s.Status, Durations.Short(s.Duration));
                    if (s.Status is not (StepStatus.Ok or StepStatus.Skipped))
                        Remember(PlainRunRenderer.Line(e));
                    break;
                case StepAttempt { Status: not StepStatus.Ok }:
                    Remember(PlainRunRenderer.Line(e));
                    break;
                case GateStarted or GateFinished or RunFinished or PreflightChecked or PreflightFinished:
                case StaleCommandFound or StaleCommandGone:
                    Remember(PlainRunRenderer.Line(e));
                    break;
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        _recent.Enqueue(line);
        while (_recent.Count > 8)
            _recent.Dequeue();
    }

    private Rows Render()
    {
        lock (_lock)
        {
            // Every text comes from runbooks, inventories or hosts: control characters are shown, not obeyed.
            var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(VisibleText.Escape(_heading)));
            table.AddColumn("host").AddColumn("step").AddColumn("status").AddColumn("time").AddColumn("latest output");
            foreach (var (host, (step, status, time)) in _hosts)
            {
                var output = VisibleText.Escape(_output.GetValueOrDefault(host, string.Empty));
                table.AddRow(
                    new Text(VisibleText.Escape(host)),
                    new Text(VisibleText.Escape(step)),
                    Status(status),
                    new Text(time),
                    new Text(output, new Style(Color.Grey))
                );
            }

            var lines = _recent
                .Select(l => (IRenderable)new Text(VisibleText.Escape(l), new Style(Color.Grey)))
                .ToList();
            return new Rows([table, .. lines]);
        }
    }

    private static Text Status(StepStatus? status) =>
        status switch
        {
            null => new Text("running", new Style(Color.Yellow)),
            StepStatus.Ok => new Text("ok", new Style(Color.Green)),
            StepStatus.Skipped => new Text("skipped", new Style(Color.Grey)),
            { } s => new Text(EventJson.Name(s), new Style(Color.Red)),
        };
}
