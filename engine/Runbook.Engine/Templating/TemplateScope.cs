namespace Runbook.Templating;

/// <summary>The values a template sees: host, hosts, params, vars, phase, batch and captures.</summary>
internal sealed class TemplateScope
{
    public static readonly IReadOnlyList<string> Roots =
    [
        "host",
        "hosts",
        "params",
        "vars",
        "phase",
        "batch",
        "captures",
    ];

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>A description of where the render happens, for messages: "host 'etcd-1'".</summary>
    public string Where { get; private set; } = "the runbook";

    internal TemplateScope Set(string name, object? value)
    {
        _values[name] = value;
        return this;
    }

    internal TemplateScope With(string name, object? value, string where)
    {
        var copy = new TemplateScope { Where = where };
        foreach (var (k, v) in _values)
            copy._values[k] = v;
        copy._values[name] = value;
        return copy;
    }

    internal bool TryGetValue(string name, out object? value) => _values.TryGetValue(name, out value);
}
