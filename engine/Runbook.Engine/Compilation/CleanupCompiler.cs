using System.Collections.Immutable;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>
/// Renders a phase's 'on_failure' and 'finally' steps for each host of a batch, like its steps: same scope, the step's
/// 'on' choosing which hosts run it, 'when' decided here unless it reads captures.
/// </summary>
internal static class CleanupCompiler
{
    public static ImmutableArray<HostCleanup> Compile(
        CompileContext ctx,
        PhaseDefinition phase,
        List<HostDefinition> batchHosts,
        TemplateScope scope,
        string batchId
    )
    {
        if (phase.OnFailure.Count == 0 && phase.Finally.Count == 0)
            return [];
        var cleanup = ImmutableArray.CreateBuilder<HostCleanup>(batchHosts.Count);
        foreach (var host in batchHosts)
        {
            var hostScope = scope.With("host", ctx.HostValue(host), $"host '{host.Name}'");
            cleanup.Add(
                new HostCleanup(
                    host.Name,
                    Render(ctx, phase.OnFailure, host, hostScope, batchId, StepList.OnFailure),
                    Render(ctx, phase.Finally, host, hostScope, batchId, StepList.Finally)
                )
            );
        }

        return cleanup.MoveToImmutable();
    }

    /// <summary>The id part that names the list: p1.b1.etcd-1.onfail1, p1.b1.etcd-1.finally2.</summary>
    public static string IdPart(StepList list) => list == StepList.OnFailure ? "onfail" : "finally";

    private static ImmutableArray<StepNode> Render(
        CompileContext ctx,
        IReadOnlyList<StepDefinition> steps,
        HostDefinition host,
        TemplateScope hostScope,
        string batchId,
        StepList list
    )
    {
        var nodes = ImmutableArray.CreateBuilder<StepNode>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.On is { } on && !on.Selector.Matches(host))
                continue;
            var id = $"{batchId}.{host.Name}.{IdPart(list)}{i + 1}";
            if (StepRenderer.Render(ctx, step, i + 1, hostScope, batchId, host.Name, id) is { } node)
                nodes.Add(node with { List = list });
        }

        return nodes.ToImmutable();
    }
}
