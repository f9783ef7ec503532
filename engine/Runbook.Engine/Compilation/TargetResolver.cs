using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>Resolves the candidate hosts of 'on' targets once per phase, reporting targets that match no host.</summary>
internal sealed class TargetResolver(CompileContext ctx, PhaseDefinition phase)
{
    private readonly Dictionary<HostTarget, IReadOnlyList<HostDefinition>> _cache = new(
        ReferenceEqualityComparer.Instance
    );

    /// <summary>The default target of a gate without 'on': one reachable host of the phase.</summary>
    public HostTarget PhaseTarget { get; } = new(TargetMode.Any, phase.Hosts, phase.HostsSpan);

    public IReadOnlyList<HostDefinition> For(HostTarget target)
    {
        if (_cache.TryGetValue(target, out var hosts))
            return hosts;
        hosts = target.Selector.Select(ctx.Inventory.Hosts);
        if (hosts.Count == 0)
        {
            ctx.Diagnostics.Error(
                Codes.EmptySelection,
                target.Span,
                $"phase '{phase.Name}': 'on: {target}' matches no host in inventory '{ctx.Inventory.Name}'",
                "check the selector against the inventory's roles and names"
            );
        }

        _cache[target] = hosts;
        return hosts;
    }
}
