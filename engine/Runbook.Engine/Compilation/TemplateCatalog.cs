using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>
/// Every template of a runbook, parsed once and checked statically: context names, params and vars must exist.
/// These checks need no inventory, so 'runbook validate' reports them too.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<TemplateText, CompiledTemplate> _templates = new(ReferenceEqualityComparer.Instance);

    public static TemplateCatalog Build(RunbookDefinition runbook, DiagnosticBag diagnostics)
    {
        var catalog = new TemplateCatalog();
        var parameters = runbook.Params.Select(p => p.Name).ToList();
        var vars = runbook.Vars.Select(v => v.Name).ToList();
        foreach (var phase in runbook.Phases)
        {
            foreach (var step in phase.Steps)
            {
                catalog.Add(step.Run, false, parameters, vars, diagnostics);
                catalog.Add(step.Wait, false, parameters, vars, diagnostics);
                catalog.Add(step.Verify?.Run, false, parameters, vars, diagnostics);
                catalog.Add(step.When, true, parameters, vars, diagnostics);
                foreach (var e in step.Env) catalog.Add(e.Value, false, parameters, vars, diagnostics);
            }

            foreach (var gate in phase.Gates) catalog.Add(gate.Verify.Run, false, parameters, vars, diagnostics);
        }

        return catalog;
    }

    public CompiledTemplate? Get(TemplateText? text) =>
        text is not null && _templates.TryGetValue(text, out var t) ? t : null;

    private void Add(TemplateText? text, bool condition, List<string> parameters, List<string> vars, DiagnosticBag diagnostics)
    {
        if (text is null) return;
        var compiled = condition ? TemplateEngine.ParseCondition(text, diagnostics) : TemplateEngine.Parse(text, diagnostics);
        if (compiled is null) return;
        var ok = true;
        foreach (var root in compiled.Analysis.Roots.Where(r => !TemplateScope.Roots.Contains(r)))
        {
            var guess = Suggest.Closest(root, TemplateScope.Roots);
            diagnostics.Error(Codes.UnknownTemplateName, Locate(text, root), $"unknown name '{root}' in template", guess is null ? null : $"did you mean '{guess}'? templates can use host, hosts, params, vars, phase and batch");
            ok = false;
        }

        foreach (var (root, member) in compiled.Analysis.Members)
        {
            var (known, code, kind) = root switch
            {
                "params" => (parameters, Codes.UndefinedParam, "param"),
                "vars" => (vars, Codes.UndefinedVar, "var"),
                _ => (null, null, null),
            };
            if (known is null || known.Contains(member)) continue;
            var guess = Suggest.Closest(member, known);
            var hint = guess is not null ? $"did you mean '{root}.{guess}'?" : $"define '{member}' under '{root}:' at the top of the runbook";
            diagnostics.Error(code!, Locate(text, $"{root}.{member}"), $"undefined {kind} '{member}' in '{root}.{member}'", hint);
            ok = false;
        }

        foreach (var filter in compiled.Analysis.Filters.Where(f => !TemplateEngine.IsKnownFilter(f)))
        {
            diagnostics.Error(Codes.UnknownFilter, Locate(text, filter), $"unknown template filter '{filter}'", "see the Liquid filters and Runbook's shjoin and with_role in docs/language.md");
            ok = false;
        }

        if (ok) _templates[text] = compiled;
    }

    private static SourceSpan Locate(TemplateText text, string word)
    {
        var i = text.Source.IndexOf(word, StringComparison.Ordinal);
        return i < 0 ? text.Span : TemplateEngine.SpanAt(text, i, word.Length);
    }
}
