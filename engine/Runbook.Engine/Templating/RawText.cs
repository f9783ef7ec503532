namespace Runbook.Templating;

/// <summary>
/// Text that is printed as it is, without shell quoting: what <c>raw</c> and <c>shjoin</c> return (shjoin has quoted
/// each word already) and the capture placeholders of the plan. Any filter that makes new text from it (append, upcase)
/// returns a plain string again, which is quoted when printed.
/// </summary>
internal sealed class RawText(string text)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}
