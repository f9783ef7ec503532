using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps.Pause;

/// <summary>
/// The 'pause' kind: an approval. It runs once per batch, on the controller, after every host of the batch finished
/// the steps before it and before any host starts the steps after it (<see cref="IStepKind.OncePerBatch"/>),
/// so a batch of five hosts asks once, not five times. Who approves and how is the run's business
/// (<see cref="PauseApprovals"/>): a person at a terminal, an approval given up front, or nobody, and the run waits.
/// </summary>
internal sealed class PauseStep : StepKind<PauseSpec, PauseWork>
{
    public const string Name = "pause";

    public override string Key => Name;

    public override bool HasOutput => false;

    public override bool OncePerBatch => true;

    public override PauseSpec? Read(NodeReader reader, SyntaxNode node, string where) =>
        ValueReaders.Template(reader, node, "'pause'") is { } text ? new PauseSpec(text) : null;

    public override IEnumerable<StepTemplate> Templates(PauseSpec spec) => [new(spec.Message, "a 'pause' message")];

    public override TemplateText Main(PauseSpec spec) => spec.Message;

    public override PauseWork? Render(StepRender render, PauseSpec spec) =>
        render.Text(spec.Message) is { } text ? new PauseWork(render.Masked(text.Trim())) : null;

    public override PauseWork WithCommand(PauseWork work, Command command) => work;

    public override Task<StepOutcome> ExecuteAsync(StepExecution execution, PauseWork work) =>
        execution.Run.Options.Pauses.DecideAsync(execution, work.Message);
}
