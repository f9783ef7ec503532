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
        else if (ctx.Limited(hosts) is { Count: 0 })
        {
            // A once step or gate of a phase that still runs needs a host to run on; running it outside the limit
            // would touch a host the operator left out, so the limit has to say.
            ctx.Diagnostics.Error(
                Codes.EmptyLimit,
                target.Span,
                $"phase '{phase.Name}': 'on: {target}' matches no host within the limit",
                "widen the limit to include one of its hosts (a host pattern joins with ':', e.g. web1:etcd)"
            );
        }

        hosts = ctx.Limited(hosts);
        _cache[target] = hosts;
        return hosts;
    }
}
