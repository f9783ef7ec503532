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
            .Where(s => s.Length > 0)
            .SelectMany(s => new[] { ShellQuote.Quote(s), s })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>This masker with more secrets (an inventory's become passwords besides the secret params).</summary>
    public SecretMasker With(IEnumerable<string> more)
    {
        var added = more.ToArray();
        return added.Length == 0 ? this : new SecretMasker(_given.Concat(added));
    }

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
