using System.Security.Cryptography;
using System.Text;

namespace Runbook.Compilation;

/// <summary>
/// A stable digest of the resolved params, to notice that a resumed run would run with other values. Secret values
/// are left out on purpose: run.json is not a secret, and an unsalted hash of a short secret can be guessed offline.
/// </summary>
internal static class ParamsHash
{
    public static string Compute(ResolvedParams parameters)
    {
        var text = new StringBuilder();
        foreach (var p in parameters.Display.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(p.Name)
                .Append('=')
                .Append(p.Display.Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
