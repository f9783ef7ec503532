namespace Runbook.Templating;

/// <summary>
/// Text that is printed as it is, without shell quoting: what <c>raw</c> and <c>shjoin</c> return (shjoin has quoted
/// each word already) and the capture placeholders of the plan. Any filter that makes new text from it (append, upcase)
/// returns a plain string again, which is quoted when printed.
/// </summary>
internal sealed class RawText(string text, bool verbatim = false)
{
    public string Text { get; } = text;

    /// <summary>
    /// What <c>raw</c> returned (or a filter made of it): printed as it is in every shell place. Other raw text is
    /// shell words (shjoin, a captured block), printed as it is in plain shell text and quoted as a value elsewhere.
    /// </summary>
    public bool Verbatim { get; } = verbatim;

    public override string ToString() => Text;
}
