using System.Collections;
using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Runbook.Templating;

/// <summary>
/// A mapping exposed to templates (host, host.vars, params, vars, ...). Reading a member it does not have gives an
/// <see cref="UndefinedValue"/>, which is an error when printed rather than silently rendering as an empty string.
/// Read-only: a template can only assign its own locals. It enumerates as [key, value] pairs, as Liquid hashes do.
/// </summary>
internal sealed class StrictMapValue(string path, IReadOnlyDictionary<string, object?> members)
    : IScriptObject,
        IEnumerable
{
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, object?> Members { get; } = members;

    public int Count => Members.Count;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => Members.Keys;

    public bool Contains(string member) => Members.ContainsKey(member);

    public bool TryGetValue(TemplateContext? context, ScribanSpan span, string member, out object? value)
    {
        if (Members.TryGetValue(member, out value))
            return true;
        value = member is "size" ? Members.Count : new UndefinedValue(Path + "." + member);
        return true;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, ScribanSpan span, string member, object? value, bool readOnly) =>
        false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly) { }

    public IScriptObject Clone(bool deep) => this;

    public IEnumerator GetEnumerator() => Members.Select(m => new object?[] { m.Key, m.Value }).GetEnumerator();

    public override string ToString() => Path;
}
