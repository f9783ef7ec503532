using Runbook.Templating;

namespace Runbook.Graph;

/// <summary>Replaces secret values (as written and as shell-quoted) with *** in anything shown to people.</summary>
public sealed class SecretMasker
{
    public const string Mask = "***";
    public static readonly SecretMasker None = new([]);

    private readonly string[] _secrets;

    public SecretMasker(IEnumerable<string> secrets)
    {
        _secrets = secrets
            .Where(s => s.Length > 0)
            .SelectMany(s => new[] { ShellQuote.Quote(s), s })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    public bool IsEmpty => _secrets.Length == 0;

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
