using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps.Wait;

/// <summary>The 'wait' kind: sleeps on the controller; sends nothing to the host, so there is no output to
/// capture.</summary>
internal sealed class WaitStep : StepKind<WaitSpec, WaitWork>
{
    public const string Name = "wait";

    public override string Key => Name;

    public override bool HasOutput => false;

    public override WaitSpec? Read(NodeReader reader, SyntaxNode node, string where)
    {
        if (ValueReaders.Template(reader, node, "'wait'") is not { } text)
            return null;
        if (!text.IsTemplate && !Duration.TryParse(text.Source, out _))
        {
            reader.Diagnostics.Error(Codes.BadDuration, text.Span, $"'wait' is not a duration: '{text.Source}'");
        }

        return new WaitSpec(text);
    }

    public override IEnumerable<StepTemplate> Templates(WaitSpec spec) => [new(spec.Duration, "a 'wait' duration")];

    public override TemplateText Main(WaitSpec spec) => spec.Duration;

    public override WaitWork? Render(StepRender render, WaitSpec spec)
    {
        var rendered = render.Text(spec.Duration);
        if (rendered is null)
            return null;
        if (Duration.TryParse(rendered, out var d))
            return new WaitWork(d);
        render.Diagnostics.Error(
            Codes.BadDuration,
            spec.Duration.Span,
            $"'wait' renders to '{render.Masked(rendered)}' for host '{render.Host}', which is not a duration"
        );
        return null;
    }

    public override WaitWork WithCommand(WaitWork work, Command command) => work;

    public override async Task<StepOutcome> ExecuteAsync(StepExecution execution, WaitWork work)
    {
        await Task.Delay(work.Duration.Value, execution.Run.Time, execution.Run.Abort);
        return StepOutcome.Ok;
    }
}
