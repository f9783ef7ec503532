using System.Security.Cryptography;
using System.Text;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Inventories;
using Runbook.Parsing;

namespace Runbook.Compilation;

/// <summary>
/// The SHA-256 of the texts a plan was compiled from with every secret masked, for the plan hash. A plan hash is
/// published (a pull-request comment, a CI artifact): an unsalted hash over a file whose only unknown is a short
/// become password or a secret default would let anyone find the secret by trying candidates, so each secret is
/// replaced wherever it appears, in the forms a YAML, INI or JSON file writes it, before hashing. Changing only a
/// secret's value therefore leaves the hash alone, as it leaves the params hash alone.
/// </summary>
internal static class ContentDigest
{
    public static string Of(IEnumerable<string> texts, SecretMasker secrets)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in texts)
            Append(sha, text, secrets);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// The files of an inventory given as -i paths: each path's inventory files by content alone (so a single file
    /// hashes as its text does when read from a git revision), then the group_vars/ and host_vars/ files beside it,
    /// by name relative to the path's directory (the checkout's location does not matter) and content.
    /// </summary>
    public static string OfInventoryFiles(IReadOnlyList<string> paths, SecretMasker secrets)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            foreach (var file in InventorySources.Files(path, new DiagnosticBag()) ?? [])
                AppendFile(sha, file, secrets);
            var root = InventorySources.VarsDirectory(path);
            foreach (var vars in new[] { "group_vars", "host_vars" }.Select(d => Path.Combine(root, d)))
            {
                if (!Directory.Exists(vars))
                    continue;
                foreach (
                    var file in Directory
                        .EnumerateFiles(vars, "*", SearchOption.AllDirectories)
                        .Order(StringComparer.Ordinal)
                )
                {
                    sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\0"));
                    AppendFile(sha, file, secrets);
                }
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void AppendFile(IncrementalHash sha, string file, SecretMasker secrets)
    {
        var text = SourceLoader.ReadText(file, new DiagnosticBag());
        if (text is not null) // a binary script has no text: the plan and the endpoints cover what it said
            Append(sha, text.Text, secrets);
    }

    private static void Append(IncrementalHash sha, string text, SecretMasker secrets)
    {
        sha.AppendData(Encoding.UTF8.GetBytes(Mask(text, secrets)));
        sha.AppendData("\0"u8);
    }

    /// <summary>
    /// The text with each secret masked: first as plans mask it (every printed form of a long enough secret), then
    /// any secret of any length as written raw, YAML single-quoted ('' for ') and JSON-escaped.
    /// </summary>
    internal static string Mask(string text, SecretMasker secrets)
    {
        text = secrets.Apply(text);
        var forms = secrets
            .Values.Where(s => s.Length > 0)
            .SelectMany(s => new[] { s, s.Replace("'", "''", StringComparison.Ordinal), Json(s) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal);
        foreach (var form in forms)
            text = text.Replace(form, SecretMasker.Mask, StringComparison.Ordinal);
        return text;
    }

    private static string Json(string secret) => System.Text.Json.JsonSerializer.Serialize(secret)[1..^1];
}
