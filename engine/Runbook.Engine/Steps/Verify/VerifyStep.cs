using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps.Verify;

/// <summary>The 'verify' kind: the same check a gate runs, on the step's own host.</summary>
internal sealed class VerifyStep : StepKind<VerifySpec, VerifyWork>
{
    public const string Name = "verify";

    public override string Key => Name;

    public override VerifySpec? Read(NodeReader reader, SyntaxNode node, string where) =>
        VerifyReader.Read(reader, node, where) is { } check ? new VerifySpec(check) : null;

    public override IEnumerable<StepTemplate> Templates(VerifySpec spec) => [new(spec.Check.Run) { Shell = true }];

    public override TemplateText Main(VerifySpec spec) => spec.Check.Run;

    public override VerifyWork? Render(StepRender render, VerifySpec spec) =>
        render.Check(spec.Check) is { } check ? new VerifyWork(check) : null;

    public override VerifyWork WithCommand(VerifyWork work, Command command) =>
        work with
        {
            Check = work.Check with { Command = command },
        };

    public override async Task<StepOutcome> ExecuteAsync(StepExecution execution, VerifyWork work)
    {
        var connection = await execution.ConnectAsync();
        var (status, last) = await CheckRunner.RunAsync(
            execution.Run,
            connection,
            work.Check,
            execution.Step,
            execution.Output,
            _ => { },
            CancellationToken.None
        );
        var why = status == StepStatus.Ok ? null : $"expected {work.Check.Expect} within {work.Check.Within}";
        return new StepOutcome(status, last?.Result.ExitCode, last?.Number, why, last?.Result.Stdout);
    }
}
