using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Runbook.Templating;

/// <summary>
/// What <c>captures</c> is while compiling: a capture only exists at run time, so each member prints as a visible,
/// unquoted placeholder (<c>&lt;captured:NAME&gt;</c>) for the plan. The executor renders the template again with the values.
/// </summary>
internal sealed class CapturePlaceholders : IScriptObject
{
    public static readonly CapturePlaceholders Instance = new();

    public static string For(string name) => $"<captured:{name}>";

    public int Count => 0;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => [];

    public bool Contains(string member) => true;

    public bool TryGetValue(TemplateContext? context, ScribanSpan span, string member, out object? value)
    {
        value = new RawText(For(member));
        return true;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, ScribanSpan span, string member, object? value, bool readOnly) =>
        false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly) { }

    public IScriptObject Clone(bool deep) => this;

    public override string ToString() => "captures";
}
