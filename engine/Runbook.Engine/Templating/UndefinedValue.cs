using System.Collections;

namespace Runbook.Templating;

/// <summary>
/// What reading a missing member (or an unknown name) gives. It behaves as nil in conditions, comparisons and in
/// <c>default</c>, so <c>{{ host.vars.x | default: 'y' }}</c> and <c>{% if host.vars.x %}</c> work; printing it, or
/// passing it to a filter that needs its text, is an undefined-variable error (the render context records it).
/// It enumerates as empty so <c>{% for x in host.vars.list %}</c> over a missing list runs no iteration, as in Liquid.
/// </summary>
internal sealed class UndefinedValue(string path) : IEnumerable
{
    public string Path { get; } = path;

    public static object? ToNil(object? value) => value is UndefinedValue ? null : value;

    public IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();

    public override string ToString() => string.Empty;
}
