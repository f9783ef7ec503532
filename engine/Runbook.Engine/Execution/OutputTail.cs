using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>
/// The last lines of a command's output for an event: masked before it is cut (so no cut can leave part of a secret
/// that masking would no longer recognise), control characters escaped (an event is shown on terminals and in CI
/// logs), and bounded, so a check that prints megabytes cannot blow up the events or the journal.
/// </summary>
internal static class OutputTail
{
    public const int MaxLines = 20;
    public const int MaxChars = 2000;

    /// <summary>The tail of <paramref name="output"/>; null when it holds nothing but whitespace.</summary>
    public static string? Of(string output, SecretMasker secrets)
    {
        var text = secrets.Apply(output).TrimEnd();
        if (text.Trim().Length == 0)
            return null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var cut = lines.Length > MaxLines;
        text = string.Join('\n', cut ? lines[^MaxLines..] : lines);
        text = VisibleText.Escape(text);
        if (text.Length > MaxChars)
        {
            text = text[^MaxChars..];
            if (char.IsLowSurrogate(text[0]))
                text = text[1..]; // half a character is not text
            cut = true;
        }

        return cut ? "..." + text : text;
    }
}
