using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Steps;

/// <summary>What a kind's renderer gets: the step's scope for one host, and the ways to render its templates
/// there.</summary>
internal sealed class StepRender(CompileContext ctx, TemplateScope scope, string batchKey, string host)
{
    public string Host { get; } = host;

    public DiagnosticBag Diagnostics => ctx.Diagnostics;

    /// <summary>A command: every interpolated value shell-quoted; the plan marks commands that opt out with |
    /// raw.</summary>
    public Command? Command(TemplateText? text)
    {
        var rendered = ctx.Render(text, scope, batchKey);
        if (rendered is null)
            return null;
        var unquoted = ctx.Templates.Get(text)?.Analysis.UsesRaw ?? false;
        return new Command(rendered, ctx.Masker.Apply(rendered), unquoted);
    }

    /// <summary>A plain value, not shell-quoted (durations, conditions, env values).</summary>
    public string? Text(TemplateText text) => ctx.Render(text, scope, batchKey, shellQuote: false);

    /// <summary>A value as it may be shown: secrets masked.</summary>
    public string Masked(string text) => ctx.Masker.Apply(text);

    public CheckNode? Check(VerifyDefinition verify) =>
        Command(verify.Run) is { } command ? new CheckNode(command, verify.Expect, verify.Every, verify.Within) : null;
}
