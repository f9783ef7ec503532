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
        if (ctx.RenderShown(text, scope, batchKey) is not ({ } rendered, { } shown))
            return null;
        var unquoted = ctx.Templates.Get(text)?.Analysis.UsesRaw ?? false;
        return new Command(rendered, shown, unquoted);
    }

    /// <summary>A plain value, not shell-quoted (durations, conditions, env values). A value made from a secret is
    /// masked as a whole in output, in every form it is shown (a duration as plans write it).</summary>
    public string? Text(TemplateText text)
    {
        if (ctx.RenderShown(text, scope, batchKey, shellQuote: false) is not ({ } rendered, { } shown))
            return null;
        if (shown != rendered && SecretMasker.LongEnough(rendered))
        {
            ctx.Derived.Add(rendered);
            if (Duration.TryParse(rendered, out var duration) && SecretMasker.LongEnough(duration.ToString()))
                ctx.Derived.Add(duration.ToString());
        }

        return rendered;
    }

    /// <summary>A value as it may be shown: secrets masked.</summary>
    public string Masked(string text) => ctx.Masker.Apply(text);

    public CheckNode? Check(VerifyDefinition verify) =>
        Command(verify.Run) is { } command ? new CheckNode(command, verify.Expect, verify.Every, verify.Within) : null;
}
