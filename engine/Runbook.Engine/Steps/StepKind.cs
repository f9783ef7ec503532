using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps;

/// <summary>
/// The typed base of a step kind: <typeparamref name="TSpec"/> is the step as written, <typeparamref name="TWork"/> the
/// step compiled for a host. Its abstract members are everything a new kind must say; the compiler lists them.
/// </summary>
internal abstract class StepKind<TSpec, TWork> : IStepKind
    where TSpec : StepSpec
    where TWork : StepWork
{
    public abstract string Key { get; }

    public virtual bool HasOutput => true;

    public virtual bool OncePerBatch => false;
    public virtual bool CanRetry => false;

    public abstract TSpec? Read(NodeReader reader, SyntaxNode node, string where);

    public abstract IEnumerable<StepTemplate> Templates(TSpec spec);

    public abstract TemplateText Main(TSpec spec);

    public abstract TWork? Render(StepRender render, TSpec spec);

    public abstract TWork WithCommand(TWork work, Command command);

    public abstract Task<StepOutcome> ExecuteAsync(StepExecution execution, TWork work);

    StepSpec? IStepKind.Read(NodeReader reader, SyntaxNode node, string where) => Read(reader, node, where);

    IEnumerable<StepTemplate> IStepKind.Templates(StepSpec spec) => Templates((TSpec)spec);

    TemplateText IStepKind.Main(StepSpec spec) => Main((TSpec)spec);

    StepWork? IStepKind.Render(StepRender render, StepSpec spec) => Render(render, (TSpec)spec);

    StepWork IStepKind.WithCommand(StepWork work, Command command) => WithCommand((TWork)work, command);

    Task<StepOutcome> IStepKind.ExecuteAsync(StepExecution execution, StepWork work) =>
        ExecuteAsync(execution, (TWork)work);
}
