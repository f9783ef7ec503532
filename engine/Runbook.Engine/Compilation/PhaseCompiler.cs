using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>Compiles one phase: selects its hosts, cuts them into batches, renders every step and gate.</summary>
internal static class PhaseCompiler
{
    public static PhaseNode Compile(CompileContext ctx, PhaseDefinition phase, int number)
    {
        phase = RetriesResolver.Resolve(ctx, RolloutResolver.Resolve(ctx, phase));
        var hosts = phase.Hosts.Select(ctx.Inventory.Hosts);
        if (hosts.Count == 0 && !phase.AllowEmpty)
        {
            ctx.Diagnostics.Error(
                Codes.EmptySelection,
                phase.HostsSpan,
                $"phase '{phase.Name}': selector '{phase.Hosts}' matches no host in inventory "
                    + $"'{ctx.Inventory.Name}' (roles there: {RolesOf(ctx.Inventory)})"
            );
        }

        // --limit narrows what runs after the selector is checked against the whole inventory: a phase the limit
        // leaves without hosts is not wrong, it just has nothing to do (no batches, so no gates).
        hosts = ctx.Limited(hosts);
        var names = hosts.Select(h => h.Name).ToImmutableArray();
        var phaseValue = TemplateValues.Map(
            "phase",
            [new("name", phase.Name), new("number", number), new("hosts", names.ToList<object?>())]
        );
        var targets = new TargetResolver(ctx, phase);
        var batches = ImmutableArray.CreateBuilder<BatchNode>();
        var sizes = phase.Serial.BatchSizes(hosts.Count);
        var offset = 0;
        for (var b = 0; b < sizes.Count; b++)
        {
            var batchHosts = hosts.Skip(offset).Take(sizes[b]).ToList();
            offset += sizes[b];
            var id = $"p{number}.b{b + 1}";
            var batchValue = TemplateValues.Map(
                "batch",
                [
                    new("number", b + 1),
                    new("count", sizes.Count),
                    new("hosts", batchHosts.Select(h => (object?)h.Name).ToList()),
                ]
            );
            var scope = ctx
                .RootScope.With("phase", phaseValue, $"phase '{phase.Name}'")
                .With("batch", batchValue, $"batch {b + 1} of phase '{phase.Name}'");
            var segments = Segments(ctx, phase, batchHosts, scope, id, targets)
                .AddRange(Gates(ctx, phase.Gates, scope, id, targets, "g"));
            batches.Add(
                new BatchNode(id, b + 1, batchHosts.Select(h => h.Name).ToImmutableArray(), segments)
                {
                    Preconditions = Gates(ctx, phase.Preconditions, scope, id, targets, "pre")
                        .Select(g => g with { IsPrecondition = true })
                        .ToImmutableArray(),
                    Cleanup = CleanupCompiler.Compile(ctx, phase, batchHosts, scope, id),
                }
            );
        }

        return new PhaseNode(
            number,
            phase.Name,
            phase.Description,
            phase.Hosts.ToString(),
            names,
            phase.Serial.ToString(),
            phase.MaxFailures,
            phase.MaxFailPercent,
            batches.ToImmutable()
        )
        {
            Span = phase.Span,
            AcceptedRisks = [.. phase.AcceptedRisks],
        };
    }

    private static ImmutableArray<BatchSegment> Segments(
        CompileContext ctx,
        PhaseDefinition phase,
        List<HostDefinition> batchHosts,
        TemplateScope scope,
        string batchId,
        TargetResolver targets
    )
    {
        var segments = ImmutableArray.CreateBuilder<BatchSegment>();
        var start = 0;
        for (var i = 0; i <= phase.Steps.Count; i++)
        {
            var once = i < phase.Steps.Count && phase.Steps[i].On?.Mode == TargetMode.Any;
            var perBatch = i < phase.Steps.Count && BatchSteps.IsPerBatch(phase.Steps[i]);
            if (i < phase.Steps.Count && !once && !perBatch)
                continue;
            if (i > start)
                segments.Add(HostSegment(ctx, phase, batchHosts, scope, batchId, start, i));
            if (perBatch)
            {
                if (BatchSteps.Compile(ctx, phase.Steps[i], i + 1, scope, batchId) is { } segment)
                    segments.Add(segment);
            }
            else if (once)
                segments.Add(OnceStep(ctx, phase.Steps[i], i + 1, scope, batchId, targets.For(phase.Steps[i].On!)));
            start = i + 1;
        }

        return segments.ToImmutable();
    }

    private static HostStepsSegment HostSegment(
        CompileContext ctx,
        PhaseDefinition phase,
        List<HostDefinition> batchHosts,
        TemplateScope scope,
        string batchId,
        int from,
        int to
    )
    {
        var sequences = ImmutableArray.CreateBuilder<HostSequence>(batchHosts.Count);
        foreach (var host in batchHosts)
        {
            var hostScope = scope.With("host", ctx.HostValue(host), $"host '{host.Name}'");
            var steps = ImmutableArray.CreateBuilder<StepNode>(to - from);
            for (var i = from; i < to; i++)
            {
                var step = phase.Steps[i];
                if (step.On is { } on && !on.Selector.Matches(host))
                    continue;
                var node = StepRenderer.Render(
                    ctx,
                    step,
                    i + 1,
                    hostScope,
                    batchId,
                    host.Name,
                    $"{batchId}.{host.Name}.s{i + 1}"
                );
                if (node is not null)
                    steps.Add(node);
            }

            sequences.Add(new HostSequence(host.Name, steps.ToImmutable()));
        }

        return new HostStepsSegment(sequences.MoveToImmutable());
    }

    private static OnceSegment OnceStep(
        CompileContext ctx,
        StepDefinition step,
        int number,
        TemplateScope scope,
        string batchId,
        IReadOnlyList<HostDefinition> candidates
    )
    {
        var id = $"{batchId}.s{number}";
        var target = step.On!.ToString();
        var names = candidates.Select(c => c.Name).ToImmutableArray();
        var perHost = CompileContext.DependsOnHost(StepRenderer.Main(ctx, step));
        var rendered = ImmutableArray.CreateBuilder<StepNode>();
        foreach (var host in perHost ? candidates : candidates.Take(1))
        {
            var hostScope = scope.With("host", ctx.HostValue(host), $"host '{host.Name}'");
            if (
                StepRenderer.Render(
                    ctx,
                    step,
                    number,
                    hostScope,
                    batchId,
                    perHost ? host.Name : target,
                    perHost ? $"{id}.{host.Name}" : id
                ) is
                { } node
            )
                rendered.Add(node);
        }

        // A host-dependent template that renders the same on every candidate is shown (and kept) once.
        if (perHost && rendered.Count > 0 && rendered.All(n => SameWork(n, rendered[0])))
        {
            var single = rendered[0] with { Id = id, Host = target };
            rendered.Clear();
            rendered.Add(single);
            perHost = false;
        }

        var first =
            rendered.Count > 0
                ? rendered[0]
                : new StepNode(
                    id,
                    target,
                    number,
                    step.Name,
                    step.Spec?.Kind ?? string.Empty,
                    null,
                    null,
                    false,
                    [],
                    null,
                    "no candidate host",
                    step.Span
                );
        return new OnceSegment(target, names, first, perHost ? rendered.ToImmutable() : []);
    }

    /// <summary>
    /// A batch's gates, or its preconditions (the same shape): ids are the batch's, then prefix and number.
    /// </summary>
    private static ImmutableArray<GateNode> Gates(
        CompileContext ctx,
        IReadOnlyList<GateDefinition> list,
        TemplateScope scope,
        string batchId,
        TargetResolver targets,
        string prefix
    )
    {
        var gates = ImmutableArray.CreateBuilder<GateNode>(list.Count);
        for (var g = 0; g < list.Count; g++)
        {
            var gate = list[g];
            var on = gate.On ?? targets.PhaseTarget;
            var mode = on.Mode == TargetMode.Each ? TargetMode.All : on.Mode;
            var candidates = targets.For(on);
            var perHost = CompileContext.DependsOnHost(ctx.Templates.Get(gate.Verify.Run));
            var checks = ImmutableArray.CreateBuilder<GateTarget>();
            using var within = IncludeBinder.Within(ctx.Diagnostics, gate.Origin);
            foreach (var host in perHost ? candidates : candidates.Take(1))
            {
                var hostScope = ctx.ScopeFor(
                    gate.Origin,
                    scope.With("host", ctx.HostValue(host), $"host '{host.Name}'")
                );
                if (StepRenderer.RenderCheck(ctx, gate.Verify, hostScope, batchId, host.Name) is { } check)
                    checks.Add(new GateTarget(host.Name, check));
            }

            if (checks.Count == 0)
                continue;
            if (perHost && checks.All(c => c.Check == checks[0].Check))
                perHost = false;
            var target = mode == TargetMode.Any ? $"any({on.Selector})" : $"all({on.Selector})";
            gates.Add(
                new GateNode(
                    $"{batchId}.{prefix}{g + 1}",
                    gate.Name,
                    mode,
                    target,
                    candidates.Select(c => c.Name).ToImmutableArray(),
                    checks[0].Check,
                    perHost ? checks.ToImmutable() : [],
                    gate.Become,
                    gate.Span
                )
                {
                    Requires = [.. gate.Requires],
                    IncludedFrom = ctx.IncludedFrom(gate.Origin),
                }
            );
        }

        return gates.ToImmutable(); // a gate whose target matches no host is reported and left out
    }

    private static bool SameWork(StepNode a, StepNode b) =>
        a.Work == b.Work && a.SkipReason == b.SkipReason && a.Env.SequenceEqual(b.Env);

    private static string RolesOf(InventoryDefinition inventory)
    {
        var roles = inventory.Hosts.SelectMany(h => h.Roles).Distinct(StringComparer.Ordinal).ToList();
        return roles.Count == 0 ? "none" : string.Join(", ", roles);
    }
}
