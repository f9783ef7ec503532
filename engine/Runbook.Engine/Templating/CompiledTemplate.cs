using Fluid;
using Runbook.Model;

namespace Runbook.Templating;

/// <summary>A parsed template with its static analysis. Safe to render concurrently.</summary>
public sealed class CompiledTemplate
{
    internal CompiledTemplate(TemplateText text, IFluidTemplate template, TemplateAnalysis analysis, int prefixLength)
    {
        Text = text;
        Template = template;
        Analysis = analysis;
        PrefixLength = prefixLength;
    }

    public TemplateText Text { get; }

    public TemplateAnalysis Analysis { get; }

    internal IFluidTemplate Template { get; }

    /// <summary>Characters the engine added before the user's text (for conditions), subtracted from error columns.</summary>
    internal int PrefixLength { get; }
}
