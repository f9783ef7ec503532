using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Steps;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>
/// Every template of a runbook, parsed once and checked statically: context names, params and vars must exist.
/// These checks need no inventory, so 'runbook validate' reports them too.
/// </summary>
internal sealed class TemplateCatalog
{
    private readonly Dictionary<TemplateText, CompiledTemplate> _templates = new(ReferenceEqualityComparer.Instance);

    public static TemplateCatalog Build(RunbookDefinition runbook, DiagnosticBag diagnostics)
    {
        var catalog = new TemplateCatalog();
        var parameters = runbook.Params.Select(p => p.Name).ToList();
        var vars = runbook.Vars.Select(v => v.Name).ToList();
        var captured = new List<string>();
        var names = new Known(parameters, vars, captured);
        var included = new Dictionary<IncludeOrigin, Known>(ReferenceEqualityComparer.Instance);
        Known NamesOf(IncludeOrigin? origin)
        {
            if (origin is null)
                return names;
            if (!included.TryGetValue(origin, out var known))
                included[origin] = known = new Known([.. origin.Params.Select(p => p.Name)], [], captured, true);
            return known;
        }

        foreach (var origin in runbook.Includes)
        {
            using var within = IncludeBinder.Within(diagnostics, origin.Parent);
            foreach (var argument in origin.Arguments)
                catalog.Add(
                    argument.Template,
                    false,
                    NamesOf(origin.Parent) with
                    {
                        Captures = [],
                    },
                    null,
                    diagnostics,
                    With
                );
        }

        foreach (var phase in runbook.Phases)
        {
            foreach (var (key, text) in phase.Rollout?.All() ?? [])
                catalog.Add(text, false, names, $"'{key}'", diagnostics, paramsOnly: true);
            // Clean-up steps come after the phase's steps, so they may read what those captured.
            foreach (var step in phase.Steps.Concat(phase.OnFailure).Concat(phase.Finally))
            {
                using var within = IncludeBinder.Within(diagnostics, step.Origin);
                var known = NamesOf(step.Origin);
                if (step.Spec is { } spec)
                {
                    foreach (var t in StepKinds.Of(spec).Templates(spec))
                        catalog.Add(t.Text, false, known, t.NoCaptures, diagnostics, shell: t.Shell);
                }

                foreach (var t in step.RetriesTemplates?.All() ?? [])
                    catalog.Add(t, false, known, "'retries'", diagnostics, paramsOnly: true);
                catalog.Add(step.When, true, known, null, diagnostics);
                foreach (var e in step.Env)
                    catalog.Add(e.Value, false, known, "'env'", diagnostics);
                if (step.Capture is { } capture && !captured.Contains(capture))
                    captured.Add(capture);
            }

            foreach (var gate in phase.Gates)
            {
                using var within = IncludeBinder.Within(diagnostics, gate.Origin);
                catalog.Add(gate.Verify.Run, false, NamesOf(gate.Origin), "a gate", diagnostics, shell: true);
            }

            foreach (var precondition in phase.Preconditions)
            {
                using var within = IncludeBinder.Within(diagnostics, precondition.Origin);
                catalog.Add(
                    precondition.Verify.Run,
                    false,
                    NamesOf(precondition.Origin),
                    "a precondition",
                    diagnostics,
                    shell: true
                );
            }
        }

        return catalog;
    }

    /// <summary>What a 'with:' value may read: it is bound once per include, before any host or batch.</summary>
    private static readonly string[] With = ["params", "vars"];

    public CompiledTemplate? Get(TemplateText? text) =>
        text is not null && _templates.TryGetValue(text, out var t) ? t : null;

    /// <param name="paramsOnly">
    /// The template is resolved when compiling, before hosts and batches exist (a phase's 'serial'): it may read
    /// params only, and <paramref name="noCaptures"/> names it.
    /// </param>
    private void Add(
        TemplateText? text,
        bool condition,
        Known names,
        string? noCaptures,
        DiagnosticBag diagnostics,
        IReadOnlyList<string>? only = null,
        bool paramsOnly = false,
        bool shell = false
    )
    {
        if (text is null)
            return;
        var compiled = condition
            ? TemplateEngine.ParseCondition(text, diagnostics)
            : TemplateEngine.Parse(text, diagnostics);
        if (compiled is null)
            return;
        if (paramsOnly && !OnlyParams(text, compiled, noCaptures!, diagnostics))
            return;
        var ok = true;
        foreach (var root in compiled.Analysis.Roots.Where(r => !TemplateScope.Roots.Contains(r)))
        {
            var guess = Suggest.Closest(root, TemplateScope.Roots);
            diagnostics.Error(
                Codes.UnknownTemplateName,
                Locate(text, root),
                $"unknown name '{root}' in template",
                guess is null
                    ? null
                    : $"did you mean '{guess}'? templates can use host, hosts, params, vars, phase, batch and captures"
            );
            ok = false;
        }

        foreach (var root in compiled.Analysis.Roots.Where(r => only is not null && TemplateScope.Roots.Contains(r)))
        {
            if (only!.Contains(root))
                continue;
            diagnostics.Error(
                Codes.UnknownTemplateName,
                Locate(text, root),
                $"a 'with:' value cannot read '{root}'",
                "it is bound once for the include, before any host or batch: it can read params and vars; read "
                    + $"'{root}' in the included file's templates instead"
            );
            ok = false;
        }

        if (noCaptures is not null && compiled.Analysis.Roots.Contains("captures"))
        {
            var hint =
                noCaptures == "a gate"
                    ? "a gate runs on other hosts than the steps that captured: check the captured value in a "
                        + "'verify' step instead"
                    : null;
            diagnostics.Error(
                Codes.CapturesNotHere,
                Locate(text, "captures"),
                $"{noCaptures} cannot read 'captures'",
                hint
            );
            ok = false;
        }

        foreach (var (root, member) in compiled.Analysis.Members.Where(m => only?.Contains(m.Root) != false))
        {
            var (known, code, kind) = root switch
            {
                "params" => (names.Params, Codes.UndefinedParam, "param"),
                "vars" => (names.Vars, Codes.UndefinedVar, "var"),
                "captures" when noCaptures is null => (names.Captures, Codes.UndefinedCapture, "capture"),
                _ => (null, null, null),
            };
            if (known is null || known.Contains(member))
                continue;
            var guess = Suggest.Closest(member, known);
            var hint =
                guess is not null ? $"did you mean '{root}.{guess}'?"
                : root == "captures" ? $"add 'capture: {member}' to an earlier 'run' or 'verify' step on the same hosts"
                : names.Included && root == "vars"
                    ? "an included file reads no runbook vars: declare a param and pass the value with 'with:'"
                : names.Included ? $"define '{member}' under 'params:' of the included file"
                : $"define '{member}' under '{root}:' at the top of the runbook";
            if (root == "captures")
            {
                diagnostics.Error(
                    code!,
                    Locate(text, $"{root}.{member}"),
                    $"no earlier step captures '{member}' in '{root}.{member}'",
                    hint
                );
                ok = false;
                continue;
            }

            diagnostics.Error(
                code!,
                Locate(text, $"{root}.{member}"),
                $"undefined {kind} '{member}' in '{root}.{member}'",
                hint
            );
            ok = false;
        }

        foreach (var filter in compiled.Analysis.Filters.Where(f => !TemplateEngine.IsKnownFilter(f)))
        {
            diagnostics.Error(
                Codes.UnknownFilter,
                Locate(text, filter),
                $"unknown template filter '{filter}'",
                "see the Liquid filters and Runbook's shjoin and with_role in docs/language.md"
            );
            ok = false;
        }

        if (shell && !ShellPlaceChecks.Check(compiled, diagnostics))
            ok = false;
        if (ok)
            _templates[text] = compiled;
    }

    private static bool OnlyParams(TemplateText text, CompiledTemplate compiled, string what, DiagnosticBag diagnostics)
    {
        var others = compiled.Analysis.Roots.Where(r => r != "params").Order(StringComparer.Ordinal).ToList();
        foreach (var root in others)
        {
            diagnostics.Error(Codes.ParamsOnly, Locate(text, root), $"{what} can read only params, not '{root}'");
        }

        return others.Count == 0;
    }

    /// <summary>The names a template may read: params, vars, and the captures of the steps before it.</summary>
    private sealed record Known(List<string> Params, List<string> Vars, List<string> Captures, bool Included = false);

    private static SourceSpan Locate(TemplateText text, string word)
    {
        var i = text.Source.IndexOf(word, StringComparison.Ordinal);
        return i < 0 ? text.Span : TemplateEngine.SpanAt(text, i, word.Length);
    }
}
