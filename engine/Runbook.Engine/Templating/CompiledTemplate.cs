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
        if (prefixLength == 0 && template.Page is { } page)
            (ShellPlaces, ShellOutputs) = Templating.ShellPlaces.Find(page);
    }

    /// <summary>
    /// Where each output sits in the command's shell text, by source offset (how its value is quoted).
    /// </summary>
    internal IReadOnlyDictionary<int, ShellPlace> ShellPlaces { get; } = new Dictionary<int, ShellPlace>();

    /// <summary>The output statements with their place, for the checks of command templates.</summary>
    internal IReadOnlyList<(Scriban.Syntax.ScriptExpressionStatement Output, ShellPlace Place)> ShellOutputs { get; } =
    [];

    public TemplateText Text { get; }

    public TemplateAnalysis Analysis { get; }

    internal Template Template { get; }

    /// <summary>Characters the engine added before the user's text (for conditions), subtracted from error columns.</summary>
    internal int PrefixLength { get; }

    /// <summary>The first filter the template calls that does not exist: rendering it is an error.</summary>
    internal string? UnknownFilter { get; }
}
