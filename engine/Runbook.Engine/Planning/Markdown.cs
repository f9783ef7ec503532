using System.Globalization;
using System.Text;

namespace Runbook.Planning;

/// <summary>
/// Puts values from runbooks and inventories (names, hosts, selectors, descriptions, commands) into GitHub-flavoured
/// markdown so they show literally and cannot change the comment's structure: a '|' cannot split a table, a
/// '&lt;/details&gt;' cannot close a section, a run of backticks cannot close a code block. The markdown plan and
/// diff pass every such value through here; their own fixed words need no escaping.
/// </summary>
internal static class Markdown
{
    /// <summary>
    /// Inline text, escaped with backslashes (CommonMark allows one before any ASCII punctuation). Line breaks become
    /// spaces: a value never starts a block of its own.
    /// </summary>
    /// <remarks>
    /// Escaped everywhere: the characters that open inline structure (backticks, '*', '[', ']', '&lt;' for HTML and
    /// autolinks, '&amp;' for entities, '~' for strikethrough, '$' for GitHub's math) and '|', '&gt;' and '\'.
    /// '_' only where it could open or close emphasis, so identifiers like data_dir stay readable. At the start of the
    /// value, what would start a block there: '#', '+', '-', '=', and '1.'/'1)'.
    /// </remarks>
    public static string Text(string value)
    {
        var text = OneLine(value);
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '`' or '*' or '[' or ']' or '<' or '>' or '&' or '|' or '~' or '$' => true,
                // Before a letter, digit or space a backslash is literal; before punctuation or at the end it is not.
                '\\' => i + 1 == text.Length || !(char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == ' '),
                '_' => !(Word(text, i - 1) && Word(text, i + 1)),
                '#' or '+' or '-' or '=' => i == 0,
                '.' or ')' => i > 0 && i <= 9 && text[..i].All(char.IsAsciiDigit),
                _ => false,
            };
            if (escape)
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Text of several lines (a description): each line escaped as <see cref="Text"/> and without its indentation, so
    /// no line starts a list, heading, quote or code block; blank lines still separate paragraphs.
    /// </summary>
    public static string Block(string value) =>
        string.Join(
            '\n',
            value.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => Text(line.Trim()))
        );

    /// <summary>
    /// A code span: delimited by one more backtick than the longest run inside, padded with a space when the value
    /// starts or ends with a backtick or a space (CommonMark strips one space from each end of such a span).
    /// </summary>
    public static string Code(string value)
    {
        var text = OneLine(value);
        var fence = new string('`', LongestRun(text, '`') + 1);
        var pad = text.Length == 0 || text[0] is '`' or ' ' || text[^1] is '`' or ' ' ? " " : string.Empty;
        return fence + pad + text + pad + fence;
    }

    /// <summary>
    /// A code span in a table cell. GitHub splits a row at every '|' that has no backslash before it, inside code
    /// spans too, and removes that one backslash again: so each '|' gets one.
    /// </summary>
    public static string CodeCell(string value) => Code(value).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Text inside an HTML block, such as a summary: HTML is parsed there, markdown is not.</summary>
    public static string Html(string value)
    {
        var text = OneLine(value);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>The fence of a code block of these lines: three backticks, or one more than the longest run.</summary>
    public static string Fence(IEnumerable<string> lines) =>
        new('`', Math.Max(3, lines.Select(line => LongestRun(line, '`')).DefaultIfEmpty(0).Max() + 1));

    /// <summary>
    /// The hidden first line of a comment, <c>&lt;!-- runbook:plan NAME@INVENTORY --&gt;</c>, by which a workflow finds
    /// and updates its own comment. Characters other than letters, digits, '_', '.' and '-' are percent-encoded
    /// (UTF-8), so the marker is one line, cannot end the comment early and splits at its only '@'.
    /// </summary>
    public static string Marker(string kind, string runbook, string inventory) =>
        $"<!-- runbook:{kind} {MarkerName(runbook)}@{MarkerName(inventory)} -->\n";

    private static string MarkerName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Whether text[i] is a letter or digit: a '_' between two is inside a word.</summary>
    private static bool Word(string text, int i) => i >= 0 && i < text.Length && char.IsLetterOrDigit(text[i]);

    private static string OneLine(string value) =>
        value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static int LongestRun(string text, char c)
    {
        int longest = 0,
            run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
