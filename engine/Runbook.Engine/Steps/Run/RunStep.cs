using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps.Run;

/// <summary>The 'run' kind: one shell command over the host's SSH connection.</summary>
internal sealed class RunStep : StepKind<RunSpec, RunWork>
{
    public const string Name = "run";

    public override string Key => Name;

    public override bool CanRetry => true;

    public override RunSpec? Read(NodeReader reader, SyntaxNode node, string where) =>
        ValueReaders.Template(reader, node, "'run'") is { } text ? new RunSpec(text) : null;

    public override IEnumerable<StepTemplate> Templates(RunSpec spec) => [new(spec.Command) { Shell = true }];

    public override TemplateText Main(RunSpec spec) => spec.Command;

    public override RunWork? Render(StepRender render, RunSpec spec) =>
        render.Command(spec.Command) is { } command ? new RunWork(command) : null;

    public override RunWork WithCommand(RunWork work, Command command) => work with { Shell = command };

    public override async Task<StepOutcome> ExecuteAsync(StepExecution execution, RunWork work)
    {
        var connection = await execution.ConnectAsync();
        var result = await connection.ExecuteAsync(execution.Remote(work.Shell), execution.Output, execution.Run.Abort);
        var status =
            result.TimedOut ? StepStatus.TimedOut
            : result.ExitCode == 0 ? StepStatus.Ok
            : StepStatus.Failed;
        var why = result.TimedOut ? execution.TimedOutWhy : null;
        return new StepOutcome(status, result.ExitCode, Why: why, Stdout: result.Stdout);
    }
}
