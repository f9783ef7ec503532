using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>Renders one step (or check) for one host into a graph node.</summary>
internal static class StepRenderer
{
    public static StepNode? Render(CompileContext ctx, StepDefinition step, int number, TemplateScope scope, string batchKey, string host, string id)
    {
        var runtime = Runtime(ctx, step, scope);
        if (step.When is not null && runtime?.When is null)
        {
            var condition = ctx.Render(step.When, scope, batchKey, shellQuote: false);
            if (condition is null) return null;
            if (condition != "true")
            {
                return new StepNode(id, host, number, step.Name, step.Kind, null, null, null, step.Timeout, step.Become, [], step.When.Source, $"when: {step.When.Source} is false", step.Span);
            }
        }

        Command? command = null;
        Duration? wait = null;
        CheckNode? check = null;
        switch (step.Kind)
        {
            case StepKind.Run:
                command = RenderCommand(ctx, step.Run, scope, batchKey);
                if (command is null) return null;
                break;
            case StepKind.Wait:
                wait = RenderDuration(ctx, step.Wait!, scope, batchKey, host);
                if (wait is null) return null;
                break;
            case StepKind.Verify when step.Verify is not null:
                check = RenderCheck(ctx, step.Verify, scope, batchKey);
                if (check is null) return null;
                break;
            default:
                return null;
        }

        var env = ImmutableArray.CreateBuilder<EnvVar>(step.Env.Count);
        foreach (var e in step.Env)
        {
            var value = ctx.Render(e.Value, scope, batchKey, shellQuote: false);
            if (value is null) return null;
            env.Add(new EnvVar(e.Name, value, ctx.Masker.Apply(value)));
        }

        return new StepNode(id, host, number, step.Name, step.Kind, command, wait, check, step.Timeout, step.Become, env.MoveToImmutable(), step.When?.Source, null, step.Span)
        {
            Capture = step.Capture,
            Runtime = runtime,
        };
    }

    /// <summary>What the executor must render again because it reads captures; null when nothing does.</summary>
    private static RuntimeTemplate? Runtime(CompileContext ctx, StepDefinition step, TemplateScope scope)
    {
        var command = ReadingCaptures(ctx.Templates.Get(step.Run ?? step.Verify?.Run));
        var when = ReadingCaptures(ctx.Templates.Get(step.When));
        if (command is null && when is null) return null;
        var reads = new[] { command, when }.OfType<CompiledTemplate>()
            .SelectMany(t => t.Analysis.Members).Where(m => m.Root == "captures").Select(m => m.Member)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new RuntimeTemplate(scope, command, when, reads);
    }

    private static CompiledTemplate? ReadingCaptures(CompiledTemplate? template) =>
        template is not null && template.Analysis.Roots.Contains("captures") ? template : null;

    public static CheckNode? RenderCheck(CompileContext ctx, VerifyDefinition verify, TemplateScope scope, string batchKey)
    {
        var command = RenderCommand(ctx, verify.Run, scope, batchKey);
        return command is null ? null : new CheckNode(command, verify.Expect, verify.Every, verify.Within);
    }

    private static Command? RenderCommand(CompileContext ctx, TemplateText? text, TemplateScope scope, string batchKey)
    {
        var rendered = ctx.Render(text, scope, batchKey);
        if (rendered is null) return null;
        var unquoted = ctx.Templates.Get(text)?.Analysis.UsesRaw ?? false;
        return new Command(rendered, ctx.Masker.Apply(rendered), unquoted);
    }

    private static Duration? RenderDuration(CompileContext ctx, TemplateText text, TemplateScope scope, string batchKey, string host)
    {
        var rendered = ctx.Render(text, scope, batchKey, shellQuote: false);
        if (rendered is null) return null;
        if (Duration.TryParse(rendered, out var d)) return d;
        ctx.Diagnostics.Error(Codes.BadDuration, text.Span, $"'wait' renders to '{ctx.Masker.Apply(rendered)}' for host '{host}', which is not a duration");
        return null;
    }
}
