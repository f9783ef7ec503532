using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Runbook.Templating;

/// <summary>The values a template sees: host, hosts, params, vars, phase, batch and captures.</summary>
public sealed class TemplateScope
{
    public static readonly IReadOnlyList<string> Roots = ["host", "hosts", "params", "vars", "phase", "batch", "captures"];

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private Globals? _globals;

    /// <summary>A description of where the render happens, for messages: "host 'etcd-1'".</summary>
    public string Where { get; private set; } = "the runbook";

    internal TemplateScope Set(string name, object? value)
    {
        _values[name] = value;
        _globals = null;
        return this;
    }

    internal TemplateScope With(string name, object? value, string where)
    {
        var copy = new TemplateScope { Where = where };
        foreach (var (k, v) in _values) copy._values[k] = v;
        copy._values[name] = value;
        return copy;
    }

    /// <summary>The scope as the read-only global store a render pushes; shared by concurrent renders.</summary>
    internal IScriptObject AsGlobals() => _globals ??= new Globals(_values);

    /// <summary>
    /// Read-only: a name it does not hold falls through to the filters and then to the render context's undefined
    /// hook, and a template's own assignments go to a store pushed above it.
    /// </summary>
    private sealed class Globals(Dictionary<string, object?> values) : IScriptObject
    {
        public int Count => values.Count;

        public bool IsReadOnly { get => true; set { } }

        public IEnumerable<string> GetMembers() => values.Keys;

        public bool Contains(string member) => values.ContainsKey(member);

        public bool TryGetValue(
            TemplateContext? context, ScribanSpan span, string member, out object? value) =>
            values.TryGetValue(member, out value);

        public bool CanWrite(string member) => false;

        public bool TrySetValue(
            TemplateContext? context, ScribanSpan span, string member, object? value, bool readOnly) => false;

        public bool Remove(string member) => false;

        public void SetReadOnly(string member, bool readOnly)
        {
        }

        public IScriptObject Clone(bool deep) => this;
    }
}
