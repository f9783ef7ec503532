using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>
/// Binds every include's <c>with:</c> values to the included file's params once per compile, the outer includes
/// first (a nested include's values read its includer's params). Templates in an included file then see these as
/// <c>params</c>, and no runbook vars: an included file depends only on what is passed to it.
/// </summary>
internal sealed class IncludeBinder
{
    /// <summary>What templates of an included file see as <c>vars</c>: nothing (reading one is an error).</summary>
    public static readonly StrictMapValue NoVars = new("vars", new Dictionary<string, object?>());

    private readonly Dictionary<IncludeOrigin, StrictMapValue> _params = new(ReferenceEqualityComparer.Instance);

    /// <summary>Values of included params declared <c>secret: true</c>, to mask like the runbook's secret
    /// params.</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>Until disposed, messages in the included file name the include; null for the runbook's own steps and
    /// for a file validated on its own.</summary>
    public static IDisposable? Within(DiagnosticBag diagnostics, IncludeOrigin? origin) =>
        origin is null || !origin.Site.Span.IsKnown ? null : diagnostics.Within(origin.Path, origin.Site);

    public static IncludeBinder Bind(
        RunbookDefinition runbook,
        TemplateCatalog templates,
        ResolvedParams parameters,
        DiagnosticBag diagnostics
    )
    {
        var binder = new IncludeBinder();
        var engine = new TemplateEngine();
        var runbookScope = new TemplateScope()
            .Set("params", TemplateValues.Map("params", parameters.Values))
            .Set(
                "vars",
                TemplateValues.Map("vars", runbook.Vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)))
            );
        foreach (var origin in runbook.Includes)
        {
            var outer = origin.Parent is { } parent
                ? new TemplateScope().Set("params", binder._params[parent]).Set("vars", NoVars)
                : runbookScope;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            using (Within(diagnostics, origin.Parent))
            {
                foreach (var p in origin.Params)
                {
                    var argument = origin.Arguments.FirstOrDefault(a => a.Name == p.Name);
                    var value = argument is null
                        ? p.Default
                        : Value(engine, templates, outer, p, argument, parameters.Masker, diagnostics);
                    if (value is null)
                        continue; // reported: no value (by the reader) or a bad one (here)
                    values[p.Name] = value;
                    if (p.Secret)
                        binder.Secrets.Add(
                            value is List<object?> list ? PlainValues.Text(list) : PlainValues.Text(value)
                        );
                }
            }

            binder._params[origin] = TemplateValues.Map("params", values);
        }

        return binder;
    }

    /// <summary>The params templates of an included file see.</summary>
    public StrictMapValue Params(IncludeOrigin origin) => _params[origin];

    private static object? Value(
        TemplateEngine engine,
        TemplateCatalog templates,
        TemplateScope outer,
        ParamDefinition p,
        IncludeArgument argument,
        Graph.SecretMasker masker,
        DiagnosticBag diagnostics
    )
    {
        if (argument.Template is not { } template)
            return argument.Value;
        if (
            templates.Get(template) is not { } compiled
            || engine.Render(compiled, outer, diagnostics, false) is not { } text
        )
            return null;
        var value = ParamValues.FromText(text, p.Type, out var error);
        if (error is not null)
        {
            diagnostics.Error(
                Codes.BadParamValue,
                argument.Span,
                $"'with: {p.Name}' renders to a value that {masker.Apply(error)}",
                $"param '{p.Name}' of the included file is a {p.Type.ToString().ToLowerInvariant()}"
            );
        }

        return value;
    }
}
