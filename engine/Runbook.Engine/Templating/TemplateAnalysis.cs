namespace Runbook.Templating;

/// <summary>What a template refers to, found statically from its syntax tree.</summary>
internal sealed class TemplateAnalysis
{
    /// <summary>Context names read (host, params, ...), excluding loop and assign locals.</summary>
    public SortedSet<string> Roots { get; } = new(StringComparer.Ordinal);

    /// <summary>Two-part paths read, like params.settle or vars.server_unit.</summary>
    public List<(string Root, string Member)> Members { get; } = [];

    public SortedSet<string> Filters { get; } = new(StringComparer.Ordinal);

    public bool UsesRaw => Filters.Contains("raw");

    public TemplateDependency Dependency =>
        Roots.Contains("host") ? TemplateDependency.Host
        : Roots.Contains("phase") || Roots.Contains("batch") ? TemplateDependency.Batch
        : TemplateDependency.Static;
}
