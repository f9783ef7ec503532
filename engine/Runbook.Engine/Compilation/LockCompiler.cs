using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>Compiles 'lock:': its candidate hosts, in inventory order.</summary>
internal static class LockCompiler
{
    public static LockNode? Compile(CompileContext ctx, LockDefinition? definition)
    {
        if (definition is null)
            return null;
        var candidates = definition.On.Selector.Select(ctx.Inventory.Hosts);
        if (candidates.Count == 0)
        {
            ctx.Diagnostics.Error(
                Codes.EmptySelection,
                definition.On.Span,
                $"lock '{definition.Name}': '{definition.On}' matches no host in inventory '{ctx.Inventory.Name}'",
                "the lock needs a host to be taken on: point 'on' at hosts of the cluster, e.g. any(role=etcd)"
            );
            return null;
        }

        return new LockNode(
            definition.Name,
            definition.On.ToString(),
            [.. candidates.Select(h => h.Name)],
            definition.Directory,
            definition.Become,
            definition.Span
        );
    }
}
