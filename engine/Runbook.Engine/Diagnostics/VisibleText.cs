using System.Globalization;
using System.Text;

namespace Runbook.Diagnostics;

/// <summary>
/// Makes text from data (inventory values, names, command output) safe to show on a terminal or in a plan: control
/// characters and bidirectional overrides are written as visible escapes (\x1b, \u202e), so an inventory value or a
/// host's output cannot clear the screen, move the cursor, or make a command read differently from what runs.
/// Newlines and tabs are kept: they are layout, not control.
/// </summary>
public static class VisibleText
{
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i]))
            i++;
        if (i == text.Length)
            return text; // the common case: nothing to do, no allocation

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
                sb.Append(c);
            else if (c < 0x100)
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c switch
        {
            '\n' or '\t' => false,
            < ' ' or '\x7f' => true,
            >= '\x80' and <= '\x9f' => true, // C1 controls (CSI is \x9b)
            '\u061c' or '\u200e' or '\u200f' => true, // bidi marks
            >= '\u202a' and <= '\u202e' => true, // embeddings and overrides
            >= '\u2066' and <= '\u2069' => true, // isolates
            _ => false,
        };
}
