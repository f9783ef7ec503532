using Runbook.Model;
using Scriban;

namespace Runbook.Templating;

/// <summary>A parsed template with its static analysis. Safe to render concurrently.</summary>
internal sealed class CompiledTemplate
{
    internal CompiledTemplate(TemplateText text, Template template, TemplateAnalysis analysis, int prefixLength)
    {
        Text = text;
        Template = template;
        Analysis = analysis;
        PrefixLength = prefixLength;
        UnknownFilter = analysis.Filters.FirstOrDefault(f => !TemplateEngine.IsKnownFilter(f));
    }

    public TemplateText Text { get; }

    public TemplateAnalysis Analysis { get; }

    internal Template Template { get; }

    /// <summary>Characters the engine added before the user's text (for conditions), subtracted from error columns.</summary>
    internal int PrefixLength { get; }

    /// <summary>The first filter the template calls that does not exist: rendering it is an error.</summary>
    internal string? UnknownFilter { get; }
}
