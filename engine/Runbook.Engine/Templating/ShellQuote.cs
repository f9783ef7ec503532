using System.Buffers;

namespace Runbook.Templating;

/// <summary>POSIX shell quoting, like Python's shlex.quote: safe words stay as they are, anything else is single-quoted.</summary>
internal static class ShellQuote
{
    private static readonly SearchValues<char> Safe = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_"
    );

    public static string Quote(string value)
    {
        if (value.Length == 0)
            return "''";
        if (!value.AsSpan().ContainsAnyExcept(Safe))
            return value;
        return "'" + value.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }
}
