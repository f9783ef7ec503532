using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Model;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;
using SourceSpan = Runbook.Diagnostics.SourceSpan;

namespace Runbook.Templating;

/// <summary>
/// Liquid templates parsed and rendered by Scriban (its Liquid mode): strict variables (an undefined name or member is
/// an error), strict filters, a step limit, shell-quoting of every interpolated value, and errors placed at line and
/// column in the YAML file.
/// </summary>
internal partial class TemplateEngine
{
    public const int MaxSteps = 100_000;

    /// <summary>How deep loops and filter calls may nest in one render.</summary>
    internal const int MaxRecursion = 16;

    private const string ConditionPrefix = "{% if ";
    private const string SyntaxHint = "check that every {{ has its }} and every {% if %} its {% endif %}";

    // Filters stay Liquid names (no rewrite to Scriban's string.upcase, ...), so analysis and strict filters see them.
    private static readonly ParserOptions ParserOptions = new()
    {
        LiquidFunctionsToScriban = false,
        ParseFloatAsDecimal = true,
    };

    private RenderContext? _spare;

    public static bool IsKnownFilter(string name) => TemplateFilters.IsKnown(name);

    public static CompiledTemplate? Parse(TemplateText text, DiagnosticBag diagnostics) =>
        Parse(text, text.Source, 0, diagnostics);

    /// <summary>Parses a bare Liquid condition (a step's 'when'), e.g. <c>host.vars.drain == true</c>.</summary>
    public static CompiledTemplate? ParseCondition(TemplateText text, DiagnosticBag diagnostics)
    {
        if (
            text.Source.Contains("{{", StringComparison.Ordinal) || text.Source.Contains("{%", StringComparison.Ordinal)
        )
        {
            diagnostics.Error(
                Codes.TemplateSyntax,
                text.Span,
                "'when' is a bare condition: write it without {{ }} or {% %}",
                "for example: when: host.vars.drain == true"
            );
            return null;
        }

        return Parse(
            text,
            ConditionPrefix + text.Source + " %}true{% else %}false{% endif %}",
            ConditionPrefix.Length,
            diagnostics
        );
    }

    private static CompiledTemplate? Parse(TemplateText text, string source, int prefix, DiagnosticBag diagnostics)
    {
        var template = Template.ParseLiquid(source, parserOptions: ParserOptions);
        var error = template.HasErrors ? ParseError(template, source) : UnclosedRawOrComment(source);
        if (error is null && template.Page is { } page)
        {
            var analysis = TemplateAnalyzer.Analyze(page, out var notLiquid);
            if (notLiquid is null)
                return new CompiledTemplate(text, template, analysis, prefix);
            error = notLiquid;
        }

        var (message, offset) = error ?? ("the template is empty", 0);
        var span = SpanAt(text, offset - prefix, 2);
        diagnostics.Error(Codes.TemplateSyntax, span, $"template syntax error: {message}", SyntaxHint);
        return null;
    }

    /// <summary>Renders; returns null and reports a diagnostic when the template reads something undefined or fails.</summary>
    public string? Render(
        CompiledTemplate template,
        TemplateScope scope,
        DiagnosticBag diagnostics,
        bool shellQuote = true,
        SecretOutputs? secrets = null
    )
    {
        if (template.UnknownFilter is { } filter)
        {
            var message = $"cannot render template for {scope.Where}: Undefined filter '{filter}'";
            diagnostics.Error(Codes.TemplateRender, template.Text.Span, message);
            return null;
        }

        // Contexts are reused (building one costs more than most renders); a concurrent render builds its own.
        var context = Interlocked.Exchange(ref _spare, null) ?? new RenderContext();
        string output;
        context.Secrets = secrets;
        try
        {
            output = context.Render(template.Template, scope, shellQuote ? template.ShellPlaces : null);
        }
        catch (Exception ex)
            when (ex
                    is ScriptRuntimeException
                        or InvalidOperationException
                        or ArgumentException
                        or FormatException
                        or OverflowException
            )
        {
            // A context an exception left mid-render (pushed outputs, loops) is not reused.
            var message = $"cannot render template for {scope.Where}: {RenderError(ex)}";
            diagnostics.Error(Codes.TemplateRender, template.Text.Span, message);
            return null;
        }

        var undefined =
            context.UndefinedPaths.Count == 0 ? null : context.UndefinedPaths.Distinct(StringComparer.Ordinal).ToList();
        _spare = context;
        if (undefined is null)
            return output;
        foreach (var path in undefined)
            ReportUndefined(template, path, scope.Where, diagnostics);
        return null;
    }

    private static string RenderError(Exception ex)
    {
        var message = ex is ScriptRuntimeException script ? script.OriginalMessage : ex.Message;
        var limit =
            ex is StepLimitException
            || message.Contains("iteration limit", StringComparison.Ordinal)
            || message.Contains("LoopLimit", StringComparison.Ordinal)
            || message.Contains("recursive depth", StringComparison.Ordinal);
        return limit ? $"the template takes more than {MaxSteps:N0} steps" : message.TrimEnd('.');
    }

    private static void ReportUndefined(CompiledTemplate template, string path, string where, DiagnosticBag diagnostics)
    {
        var offset = template.Text.Source.IndexOf(path, StringComparison.Ordinal);
        var span = offset >= 0 ? SpanAt(template.Text, offset, path.Length) : template.Text.Span;
        var code =
            path.StartsWith("params.", StringComparison.Ordinal) ? Codes.UndefinedParam
            : path.StartsWith("vars.", StringComparison.Ordinal) ? Codes.UndefinedVar
            : Codes.TemplateRender;
        diagnostics.Error(
            code,
            span,
            $"'{path}' is not defined for {where}",
            "define it, or guard it: {{ " + path + " | default: 'value' }}"
        );
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

        return text.Span with
        {
            Line = line,
            Column = column,
            Length = Math.Max(1, length),
        };
    }

    /// <summary>
    /// Scriban's first parse error, in the words (and at the place) users of this project have always been shown:
    /// a tag or block left open is reported where the text ends, naming what was expected.
    /// </summary>
    private static (string Message, int Offset) ParseError(Template template, string source)
    {
        var error = template.Messages.First(m => m.Type == ParserMessageType.Error);
        var offset = error.Span.Start.Offset is >= 0 and var o && o <= source.Length ? o : source.Length;
        var message = error.Message;
        if (message.Contains("Expecting <EOL>/end of line", StringComparison.Ordinal))
        {
            // The tag left open is the last one opened before the error.
            var from = Math.Max(0, Math.Min(offset, source.Length - 1));
            var output = source.LastIndexOf("{{", from, StringComparison.Ordinal);
            var tag = output >= source.LastIndexOf("{%", from, StringComparison.Ordinal) ? "}}" : "%}";
            return ($"End of tag '{tag}' was expected", offset);
        }

        if (EndNotFound().IsMatch(message) && BlockTag().Match(source, offset) is { Success: true } block)
        {
            var tag = block.Value is "when" ? "case" : block.Value;
            return ($"'{{% end{tag} %}}' was expected", source.Length);
        }

        if (message.StartsWith("Unexpected literal member", StringComparison.Ordinal))
        {
            return ("a name with '-' cannot follow a '.': write it in brackets, as in host.vars['my-name']", offset);
        }

        return (message.TrimEnd('.'), offset);
    }

    /// <summary>Scriban lets an unclosed {% raw %} or {% comment %} run to the end; Liquid rejects it.</summary>
    private static (string Message, int Offset)? UnclosedRawOrComment(string source)
    {
        foreach (Match open in OpenRawOrComment().Matches(source))
        {
            var tag = open.Groups[1].Value;
            var close = new Regex(@"\{%-?\s*end" + tag + @"\s*-?%\}");
            if (!close.IsMatch(source, open.Index + open.Length))
            {
                var message = tag is "raw" ? "Not end tag found for {% raw %}" : "'{% endcomment %}' was expected";
                return (message, source.Length);
            }
        }

        return null;
    }

    [GeneratedRegex("The `end[a-z]+ statement` was not found")]
    private static partial Regex EndNotFound();

    [GeneratedRegex(@"\G[a-z]+")]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"\{%-?\s*(raw|comment)\s*-?%\}")]
    private static partial Regex OpenRawOrComment();
}
