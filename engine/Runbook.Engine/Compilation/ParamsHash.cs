using System.Security.Cryptography;
using System.Text;
using Runbook.Parsing;

namespace Runbook.Compilation;

/// <summary>A stable digest of resolved param values (secrets included, never shown), to notice a changed resume.</summary>
internal static class ParamsHash
{
    public static string Compute(ResolvedParams parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var shown = value is List<object?> list ? "[" + PlainValues.Text(list) + "]" : PlainValues.Text(value);
            text.Append(name).Append('=').Append(shown.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
