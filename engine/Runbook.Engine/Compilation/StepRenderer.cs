using System.Collections.Immutable;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Steps;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>Renders one step for one host into a graph node: what every step has here, what its kind does in the
/// kind.</summary>
internal static class StepRenderer
{
    public static StepNode? Render(
        CompileContext ctx,
        StepDefinition step,
        int number,
        TemplateScope scope,
        string batchKey,
        string host,
        string id
    )
    {
        if (step.Spec is not { } spec)
            return null;
        scope = ctx.ScopeFor(step.Origin, scope);
        using var within = IncludeBinder.Within(ctx.Diagnostics, step.Origin);
        var kind = StepKinds.Of(spec);
        var runtime = Runtime(ctx, step, kind, scope);
        var (become, becomeUser, inventoryBecome) = StepBecome.For(ctx.Inventory, step, kind, host);
        if (step.When is not null && runtime?.When is null)
        {
            var condition = ctx.Render(step.When, scope, batchKey, shellQuote: false);
            if (condition is null)
                return null;
            if (condition != "true")
            {
                return new StepNode(
                    id,
                    host,
                    number,
                    step.Name,
                    kind.Key,
                    null,
                    step.Timeout,
                    become,
                    [],
                    step.When.Source,
                    $"when: {step.When.Source} is false",
                    step.Span
                )
                {
                    Local = step.Local,
                    BecomeUser = becomeUser,
                    InventoryBecome = inventoryBecome,
                };
            }
        }

        var work = kind.Render(new StepRender(ctx, scope, batchKey, host), spec);
        if (work is null)
            return null;
        var env = ImmutableArray.CreateBuilder<EnvVar>(step.Env.Count);
        foreach (var e in step.Env)
        {
            if (ctx.RenderShown(e.Value, scope, batchKey, shellQuote: false) is not ({ } value, { } shown))
                return null;
            env.Add(new EnvVar(e.Name, value, shown));
        }

        return new StepNode(
            id,
            host,
            number,
            step.Name,
            kind.Key,
            work,
            step.Timeout,
            become,
            env.MoveToImmutable(),
            step.When?.Source,
            null,
            step.Span
        )
        {
            Capture = step.Capture,
            Requires = [.. step.Requires],
            Disrupts = step.Disrupts,
            Runtime = runtime,
            IncludedFrom = ctx.IncludedFrom(step.Origin),
            Local = step.Local,
            Retries = step.Retries,
            BecomeUser = becomeUser,
            InventoryBecome = inventoryBecome,
        };
    }

    /// <summary>The step's main template as compiled, or null (a step whose kind could not be read).</summary>
    public static CompiledTemplate? Main(CompileContext ctx, StepDefinition step) =>
        step.Spec is { } spec ? ctx.Templates.Get(StepKinds.Of(spec).Main(spec)) : null;

    /// <summary>What the executor must render again because it reads captures; null when nothing does.</summary>
    private static RuntimeTemplate? Runtime(
        CompileContext ctx,
        StepDefinition step,
        IStepKind kind,
        TemplateScope scope
    )
    {
        var command = ReadingCaptures(ctx.Templates.Get(kind.Main(step.Spec!)));
        var when = ReadingCaptures(ctx.Templates.Get(step.When));
        if (command is null && when is null)
            return null;
        var reads = new[] { command, when }
            .OfType<CompiledTemplate>()
            .SelectMany(t => t.Analysis.Members)
            .Where(m => m.Root == "captures")
            .Select(m => m.Member)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return new RuntimeTemplate(scope, command, when, reads);
    }

    private static CompiledTemplate? ReadingCaptures(CompiledTemplate? template) =>
        template is not null && template.Analysis.Roots.Contains("captures") ? template : null;

    public static CheckNode? RenderCheck(
        CompileContext ctx,
        VerifyDefinition verify,
        TemplateScope scope,
        string batchKey,
        string host
    ) => new StepRender(ctx, scope, batchKey, host).Check(verify);
}
