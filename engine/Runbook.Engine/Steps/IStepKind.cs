using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps;

/// <summary>
/// Everything the pipeline needs to know about one kind of step, from YAML to SSH: how it is read, which templates it
/// has, how it renders for a host, how it runs, and how plans and diffs show it. One implementation per folder under
/// Steps/, listed in <see cref="StepKinds"/>. Implement it through <see cref="StepKind{TSpec, TWork}"/>, whose abstract
/// members are the list the compiler gives a new kind.
/// </summary>
internal interface IStepKind
{
    /// <summary>The YAML key that names the kind ("run"); the kind in JSON plans and events.</summary>
    string Key { get; }

    /// <summary>Whether the step produces output that 'capture' can keep.</summary>
    bool HasOutput { get; }

    /// <summary>
    /// Whether a step of this kind runs once for its whole batch, on the controller (a pause): every host of the batch
    /// finishes the steps before it first, and none starts the steps after it until it is done.
    /// </summary>
    bool OncePerBatch { get; }
    /// <summary>Whether 'retries' may run a failed step again (it reruns a command; a check retries itself).</summary>
    bool CanRetry { get; }

    StepSpec? Read(NodeReader reader, SyntaxNode node, string where);

    /// <summary>The templates of the spec, each with what it is called when it may not read captures (null: it
    /// may).</summary>
    IEnumerable<StepTemplate> Templates(StepSpec spec);

    /// <summary>The template whose host and capture dependencies decide how the step is compiled and
    /// rerendered.</summary>
    TemplateText Main(StepSpec spec);

    StepWork? Render(StepRender render, StepSpec spec);

    /// <summary>The work with its command rendered again at run time, with the host's captures.</summary>
    StepWork WithCommand(StepWork work, Command command);

    Task<StepOutcome> ExecuteAsync(StepExecution execution, StepWork work);
}
