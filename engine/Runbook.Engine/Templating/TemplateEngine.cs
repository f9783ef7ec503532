using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Templating;

/// <summary>
/// Liquid templates rendered with Fluid: strict variables (an undefined name or member is an error), strict filters,
/// a step limit, shell-quoting of every interpolated value, and errors placed at line and column in the YAML file.
/// </summary>
public sealed partial class TemplateEngine
{
    public const int MaxSteps = 100_000;
    private const string ConditionPrefix = "{% if ";

    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options;

    public TemplateEngine()
    {
        _options = new TemplateOptions
        {
            StrictFilters = true,
            MaxSteps = MaxSteps,
            MaxRecursion = 16,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
        };
        TemplateFilters.Register(_options);
    }

    private static readonly TemplateOptions FilterRegistry = CreateFilterRegistry();

    public static bool IsKnownFilter(string name) => FilterRegistry.Filters.TryGetValue(name, out _);

    private static TemplateOptions CreateFilterRegistry()
    {
        var options = new TemplateOptions();
        TemplateFilters.Register(options);
        return options;
    }

    public static CompiledTemplate? Parse(TemplateText text, DiagnosticBag diagnostics) => Parse(text, text.Source, 0, diagnostics);

    /// <summary>Parses a bare Liquid condition (a step's 'when'), e.g. <c>host.vars.drain == true</c>.</summary>
    public static CompiledTemplate? ParseCondition(TemplateText text, DiagnosticBag diagnostics)
    {
        if (text.Source.Contains("{{", StringComparison.Ordinal) || text.Source.Contains("{%", StringComparison.Ordinal))
        {
            diagnostics.Error(Codes.TemplateSyntax, text.Span, "'when' is a bare condition: write it without {{ }} or {% %}", "for example: when: host.vars.drain == true");
            return null;
        }

        return Parse(text, ConditionPrefix + text.Source + " %}true{% else %}false{% endif %}", ConditionPrefix.Length, diagnostics);
    }

    private static CompiledTemplate? Parse(TemplateText text, string source, int prefix, DiagnosticBag diagnostics)
    {
        if (Parser.TryParse(source, out var template, out var error))
        {
            return new CompiledTemplate(text, template, TemplateAnalyzer.Analyze(template), prefix);
        }

        var (message, offset) = SplitParseError(error, source);
        diagnostics.Error(Codes.TemplateSyntax, SpanAt(text, offset - prefix, 2), $"template syntax error: {message}", "check that every {{ has its }} and every {% if %} its {% endif %}");
        return null;
    }

    /// <summary>Renders; returns null and reports a diagnostic when the template reads something undefined or fails.</summary>
    public string? Render(CompiledTemplate template, TemplateScope scope, DiagnosticBag diagnostics, bool shellQuote = true)
    {
        var problems = new RenderProblems();
        var context = new TemplateContext(_options);
        context.AmbientValues[RenderProblems.AmbientKey] = problems;
        context.Undefined = name =>
        {
            problems.UndefinedPaths.Add(name);
            return new ValueTask<FluidValue>(NilValue.Instance);
        };
        scope.Apply(context);
        string output;
        try
        {
            output = template.Template.Render(context, shellQuote ? ShellQuoteEncoder.Instance : NullEncoder.Default);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            var message = ex.Message.Contains("recursion", StringComparison.Ordinal) || ex.Message.Contains("steps", StringComparison.Ordinal)
                ? $"the template takes more than {MaxSteps:N0} steps"
                : ex.Message.TrimEnd('.');
            diagnostics.Error(Codes.TemplateRender, template.Text.Span, $"cannot render template for {scope.Where}: {message}");
            return null;
        }

        if (problems.UndefinedPaths.Count == 0) return output;
        foreach (var path in problems.UndefinedPaths.Distinct(StringComparer.Ordinal))
        {
            ReportUndefined(template, path, scope.Where, diagnostics);
        }

        return null;
    }

    private static void ReportUndefined(CompiledTemplate template, string path, string where, DiagnosticBag diagnostics)
    {
        var offset = template.Text.Source.IndexOf(path, StringComparison.Ordinal);
        var span = offset >= 0 ? SpanAt(template.Text, offset, path.Length) : template.Text.Span;
        var code = path.StartsWith("params.", StringComparison.Ordinal) ? Codes.UndefinedParam
            : path.StartsWith("vars.", StringComparison.Ordinal) ? Codes.UndefinedVar
            : Codes.TemplateRender;
        diagnostics.Error(code, span, $"'{path}' is not defined for {where}", "define it, or guard it: {{ " + path + " | default: 'value' }}");
    }

    /// <summary>The file position of a character offset inside a template's text.</summary>
    public static SourceSpan SpanAt(TemplateText text, int offset, int length)
    {
        offset = Math.Clamp(offset, 0, text.Source.Length);
        var line = text.Span.Line;
        var column = text.Span.Column;
        for (var i = 0; i < offset; i++)
        {
            if (text.Source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return text.Span with { Line = line, Column = column, Length = Math.Max(1, length) };
    }

    private static (string Message, int Offset) SplitParseError(string error, string source)
    {
        var firstLine = error.Split('\n')[0].Trim();
        var m = ParsePosition().Match(firstLine);
        if (!m.Success) return (firstLine.TrimEnd('.'), 0);
        var line = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var offset = 0;
        for (var l = 1; l < line && offset < source.Length; l++) offset = source.IndexOf('\n', offset) + 1;
        return (firstLine[..m.Index].Trim().TrimEnd('.'), offset + column - 1);
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex ParsePosition();
}
