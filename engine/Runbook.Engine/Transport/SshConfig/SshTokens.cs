using System.Text;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// OpenSSH's expansions (misc.c): <c>~</c> at the start of a path, <c>%x</c> tokens, <c>${VAR}</c> environment
/// variables. An unknown token, an unset variable or a malformed one is an error, as in ssh.
/// </summary>
internal static class SshTokens
{
    /// <summary>
    /// tilde_expand_filename for the current user: <c>~</c> and <c>~/…</c>; <c>~user</c> is not supported.
    /// </summary>
    public static (string? Path, string? Error) Tilde(string path, string home)
    {
        if (!path.StartsWith('~'))
            return (path, null);
        var rest = path[1..];
        if (rest.Length > 0 && rest[0] != '/')
        {
            return (null, $"'{path}': ~user paths are not supported; write the directory");
        }

        rest = rest.TrimStart('/');
        return (home.TrimEnd('/') + "/" + rest, null);
    }

    /// <summary>
    /// Expands <c>%x</c> from <paramref name="tokens"/> (null: no % expansion) and <c>${VAR}</c> from
    /// <paramref name="variables"/> (null: no $ expansion); <c>%%</c> is a percent sign.
    /// </summary>
    public static (string? Value, string? Error) Expand(
        string text,
        IReadOnlyDictionary<char, string>? tokens,
        Func<string, string?>? variables
    )
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (variables is not null && c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                    return (null, $"environment variable '{text[(i + 2)..]}' misses its closing '}}'");
                var name = text[(i + 2)..close];
                if (name.Length == 0)
                    return (null, "'${}' names no environment variable");
                if (variables(name) is not { } value)
                    return (null, $"environment variable ${{{name}}} is not set");
                sb.Append(value);
                i = close;
                continue;
            }

            if (tokens is null || c != '%')
            {
                sb.Append(c);
                continue;
            }

            if (++i == text.Length)
                return (null, "'%' at the end; write %% for a percent sign");
            var key = text[i];
            if (key == '%')
            {
                sb.Append('%');
            }
            else if (tokens.TryGetValue(key, out var replacement))
            {
                sb.Append(replacement);
            }
            else
            {
                var known = string.Join(' ', tokens.Keys.Order().Select(k => "%" + k));
                return (null, $"unknown token %{key} (this keyword takes {known} and %%)");
            }
        }

        return (sb.ToString(), null);
    }

    /// <summary>
    /// Only checks <c>${…}</c> syntax and that the variables are set (IdentityAgent's parse-time check).
    /// </summary>
    public static string? CheckVariables(string text, Func<string, string?> variables) =>
        Expand(text, null, variables).Error;
}
