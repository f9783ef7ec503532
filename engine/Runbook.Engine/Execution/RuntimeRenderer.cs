using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Steps;
using Runbook.Templating;

namespace Runbook.Execution;

/// <summary>Renders the parts of a step that read captures, with the host's captures, just before the step runs.</summary>
internal static class RuntimeRenderer
{
    private static readonly TemplateEngine Engine = new();

    /// <summary>The step ready to run on <paramref name="host"/>, or null with <paramref name="error"/> saying why it cannot.</summary>
    public static StepNode? Prepare(RunContext ctx, string host, StepNode step, out string? error)
    {
        error = null;
        if (step.Runtime is not { } runtime || step.SkipReason is not null)
            return step;
        var captures = ctx.Captures.Of(host);
        if (runtime.Reads.FirstOrDefault(name => captures.TryGetValue(name, out var v) && v is null) is { } withheld)
        {
            error =
                $"captures.{withheld} held a secret, so the journal did not record it and the resumed run cannot "
                + $"restore it; start a new run";
            return null;
        }

        var values = TemplateValues.Map(
            "captures",
            captures.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, object?>(c.Key, c.Value))
        );
        var scope = runtime.Scope.With("captures", values, $"host '{host}'");
        var diagnostics = new DiagnosticBag();
        if (runtime.When is { } when)
        {
            var condition = Engine.Render(when, scope, diagnostics, shellQuote: false);
            if (condition is null)
                return Failed(diagnostics, out error);
            if (condition != "true")
                return step with { SkipReason = $"when: {step.When} is false" };
        }

        if (runtime.Command is not { } template || step.Work is null)
            return step;
        var text = Engine.Render(template, scope, diagnostics);
        if (text is null)
            return Failed(diagnostics, out error);
        var shown = ctx.Graph.Secrets.Apply(Shown(ctx, template, scope) ?? text);
        var command = new Command(text, shown, template.Analysis.UsesRaw);
        return step with { Work = StepKinds.Of(step.Work).WithCommand(step.Work, command) };
    }

    /// <summary>The command as people see it: each output made from a secret param as the mask (see
    /// SecretTaint); null when it reads none.</summary>
    private static string? Shown(RunContext ctx, CompiledTemplate template, TemplateScope scope)
    {
        var secrets = ctx.Graph.Params.Where(p => p.Secret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var tainted = SecretTaint.Outputs(template.Template.Page, secrets);
        if (tainted.Count == 0)
            return null;
        return Engine.Render(template, scope, new DiagnosticBag(), secrets: new SecretOutputs(tainted, mask: true))
            ?? SecretMasker.Mask;
    }

    private static StepNode? Failed(DiagnosticBag diagnostics, out string? error)
    {
        var problems = diagnostics.ToSortedList().Select(d => d.Message).Distinct(StringComparer.Ordinal);
        error = "cannot render at run time: " + string.Join("; ", problems);
        return null;
    }
}
