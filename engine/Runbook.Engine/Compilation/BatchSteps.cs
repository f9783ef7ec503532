using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Steps;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>
/// Steps of kinds that run once per batch on the controller (<see cref="IStepKind.OncePerBatch"/>: a pause). They
/// render in the batch's scope, without a host, and take none of the keys that only mean something on a host.
/// </summary>
internal static class BatchSteps
{
    /// <summary>What a once-per-batch step runs as, in events and plans: no inventory host has this name.</summary>
    public const string Controller = "(controller)";

    public static bool IsPerBatch(StepDefinition step) => step.Spec is { } spec && StepKinds.Of(spec).OncePerBatch;

    public static BatchStepSegment? Compile(
        CompileContext ctx,
        StepDefinition step,
        int number,
        TemplateScope scope,
        string batchId
    )
    {
        var kind = step.Spec!.Kind;
        var where = $"step '{step.Name}' is a '{kind}' step, which runs once per batch on the controller";
        var ok = true;
        void Refuse(SourceSpan span, string key, string hint)
        {
            ctx.Diagnostics.Error(Codes.InvalidValue, span, $"{where}: it cannot have '{key}'", hint);
            ok = false;
        }

        if (step.On is { } on)
            Refuse(on.Span, "on", "remove 'on': every host of the batch stops at it");
        if (step.Become)
            Refuse(step.Span, "become", "remove 'become': it runs no command");
        if (step.Timeout is not null)
            Refuse(step.Span, "timeout", "remove 'timeout': it waits until it is approved, or the run stops there");
        if (step.Env.Count > 0)
            Refuse(step.Span, "env", "remove 'env': it runs no command");
        if (!ok)
            return null;
        var node = StepRenderer.Render(ctx, step, number, scope, batchId, Controller, $"{batchId}.s{number}");
        return node is null ? null : new BatchStepSegment(node);
    }
}
