using Runbook.Templating;

namespace Runbook.Graph;

/// <summary>Replaces secret values (as written and as shell-quoted) with *** in anything shown to people.</summary>
public sealed class SecretMasker
{
    public const string Mask = "***";
    public static readonly SecretMasker None = new([]);

    private readonly string[] _given;
    private readonly string[] _secrets;

    public SecretMasker(IEnumerable<string> secrets)
    {
        _given = secrets.ToArray();
        _secrets = _given
            .Where(LongEnough)
            .SelectMany(Forms)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Shorter secrets are not masked in text: masking every "x1" would hide unrelated text and point at
    /// the secret (<c>-tx1</c> shown as <c>-t***</c>); they are a warning instead.</summary>
    public const int MinLength = 4;

    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Every secret as given, short ones too: what a plan hash masks out of the files it covers.</summary>
    internal IReadOnlyList<string> Values => _given;

    public static bool LongEnough(string secret) => secret.Trim().Length >= MinLength;

    /// <summary>The forms a secret is printed in: as it is, shell-quoted (as a word, inside single or double
    /// quotes), inside a JSON string, base64 and hex, one line of it at a time, and a duration as plans write it
    /// (433s as 7m13s).</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return ShellQuote.Quote(secret);
        yield return secret.Replace("'", "'\"'\"'", StringComparison.Ordinal);
        yield return secret.Replace("'", "'\\''", StringComparison.Ordinal);
        yield return ShellEncoding.Encode(secret, new ShellPlace([ShellQuoting.Double]));
        var bytes = System.Text.Encoding.UTF8.GetBytes(secret);
        yield return Convert.ToBase64String(bytes);
        yield return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret + "\n"));
        yield return Convert.ToHexStringLower(bytes);
        yield return Convert.ToHexString(bytes);
        var json = System.Text.Json.JsonSerializer.Serialize(secret)[1..^1];
        if (json != secret)
            yield return json;
        foreach (var line in secret.Split('\n'))
        {
            if (line != secret && LongEnough(line))
                yield return line;
        }

        if (Model.Duration.TryParse(secret, out var duration) && LongEnough(duration.ToString()))
            yield return duration.ToString();
    }

    /// <summary>This masker with more secrets (an inventory's become passwords besides the secret params).</summary>
    public SecretMasker With(IEnumerable<string> more)
    {
        var added = more.ToArray();
        return added.Length == 0 ? this : new SecretMasker(_given.Concat(added));
    }

    /// <summary>This masker with another's secrets (the two plans of a diff).</summary>
    public SecretMasker With(SecretMasker other) => other._given.Length == 0 ? this : With(other._given);

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
