using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Compilation;

/// <summary>State shared while compiling one runbook: templates, scopes, the render cache and the diagnostics.</summary>
internal sealed class CompileContext
{
    private readonly Dictionary<(CompiledTemplate, string), string?> _cache = [];
    private readonly HashSet<CompiledTemplate> _failed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, StrictMapValue> _hostValues = new(StringComparer.Ordinal);
    private readonly TemplateEngine _engine = new();

    public CompileContext(
        RunbookDefinition runbook,
        InventoryDefinition inventory,
        TemplateCatalog templates,
        ResolvedParams parameters,
        DiagnosticBag diagnostics,
        IncludeBinder? includes = null
    )
    {
        Runbook = runbook;
        Inventory = inventory;
        Templates = templates;
        Includes = includes ?? new IncludeBinder();
        Masker = parameters.Masker.With(inventory.Secrets).With(Includes.Secrets);
        Params = parameters;
        SecretParams = parameters.Display.Where(p => p.Secret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Diagnostics = diagnostics;
        var hosts = inventory.Hosts.Select(h => (object?)HostValue(h)).ToArray();
        RootScope = new TemplateScope()
            .Set("params", TemplateValues.Map("params", parameters.Values))
            .Set(
                "vars",
                TemplateValues.Map("vars", runbook.Vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)))
            )
            .Set("hosts", hosts)
            .Set("captures", CapturePlaceholders.Instance);
    }

    public RunbookDefinition Runbook { get; }

    public InventoryDefinition Inventory { get; }

    public TemplateCatalog Templates { get; }

    public SecretMasker Masker { get; }

    /// <summary>The resolved params, for messages that name a param's value (secret ones shown as ***).</summary>
    public ResolvedParams Params { get; }

    public DiagnosticBag Diagnostics { get; }

    public TemplateScope RootScope { get; }

    public IncludeBinder Includes { get; }

    /// <summary>The scope a step or gate renders in: an included one sees its include's params and no vars.</summary>
    public TemplateScope ScopeFor(IncludeOrigin? origin, TemplateScope scope) =>
        origin is null
            ? scope
            : scope
                .With("params", Includes.Params(origin), scope.Where)
                .With("vars", IncludeBinder.NoVars, scope.Where);

    /// <summary>An included file's name relative to the runbook's folder (or REV:), as plans show it.</summary>
    public string? IncludedFrom(IncludeOrigin? origin)
    {
        if (origin is null)
            return null;
        var runbook = Runbook.Source.Path;
        var revision = Parsing.RevisionSource.IsRevision(runbook) ? runbook.IndexOf(':', StringComparison.Ordinal) : -1;
        var folder = runbook[..(Math.Max(runbook.LastIndexOf('/'), revision) + 1)];
        return origin.Path.StartsWith(folder, StringComparison.Ordinal) ? origin.Path[folder.Length..] : origin.Path;
    }

    /// <summary>The host names --limit leaves to run on; null when there is no limit.</summary>
    public IReadOnlySet<string>? Limit { get; init; }

    /// <summary>The hosts within the limit, in their order (all of them without a limit).</summary>
    public IReadOnlyList<HostDefinition> Limited(IReadOnlyList<HostDefinition> hosts) =>
        Limit is null ? hosts : [.. hosts.Where(h => Limit.Contains(h.Name))];

    public StrictMapValue HostValue(HostDefinition host)
    {
        if (!_hostValues.TryGetValue(host.Name, out var value))
        {
            value = TemplateValues.Host(host, "host");
            _hostValues[host.Name] = value;
        }

        return value;
    }

    /// <summary>
    /// Renders a template in a scope. Results of templates that do not depend on the host (or the batch) are cached, so a
    /// command like 'systemctl stop {{ vars.unit }}' is rendered once, not once per host. A failing template is reported once.
    /// </summary>
    public string? Render(TemplateText? text, TemplateScope scope, string batchKey, bool shellQuote = true)
    {
        var template = Templates.Get(text);
        if (template is null)
            return null;
        var key = template.Analysis.Dependency switch
        {
            TemplateDependency.Static => string.Empty,
            TemplateDependency.Batch => batchKey,
            _ => null,
        };
        if (key is not null && _cache.TryGetValue((template, key), out var cached))
            return cached;
        if (_failed.Contains(template))
            return null;
        var result = _engine.Render(template, scope, Diagnostics, shellQuote);
        if (result is null)
            _failed.Add(template);
        if (key is not null)
            _cache[(template, key)] = result;
        return result;
    }

    /// <summary>The names of the secret params (declared secret, or given through the environment).</summary>
    public IReadOnlySet<string> SecretParams { get; }

    /// <summary>Texts rendered from secrets (an upcased token, a joined list): masked in command output too.</summary>
    public HashSet<string> Derived { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<CompiledTemplate, IReadOnlySet<int>> _taint = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A template rendered, and as people may see it: each output that prints a value made from a secret shows the
    /// mask as a whole (whatever filters changed it), then the known secrets are masked wherever else they occur.
    /// </summary>
    public (string Text, string Shown)? RenderShown(
        TemplateText? text,
        TemplateScope scope,
        string batchKey,
        bool shellQuote = true
    )
    {
        if (Render(text, scope, batchKey, shellQuote) is not { } rendered)
            return null;
        var template = Templates.Get(text)!;
        if (!_taint.TryGetValue(template, out var tainted))
            _taint[template] = tainted = SecretTaint.Outputs(template.Template.Page, SecretParams);
        if (tainted.Count == 0)
            return (rendered, Masker.Apply(rendered));
        var secrets = new SecretOutputs(tainted, mask: true);
        var shown = _engine.Render(template, scope, new DiagnosticBag(), shellQuote, secrets) ?? SecretMasker.Mask;
        Derived.UnionWith(secrets.Printed.Where(SecretMasker.LongEnough));
        return (rendered, Masker.Apply(shown));
    }

    public static bool DependsOnHost(CompiledTemplate? template) =>
        template?.Analysis.Dependency == TemplateDependency.Host;
}
