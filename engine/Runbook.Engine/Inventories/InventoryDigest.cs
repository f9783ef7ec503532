using System.Security.Cryptography;
using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// The SHA-256 of an inventory made of several -i paths, a directory or a script: every file they stand for (as
/// <see cref="InventorySources"/> lists them), by name and bytes, in order. A resumed run compares it, so a change to
/// any of those files is seen, as it is for a single inventory file.
/// </summary>
internal static class InventoryDigest
{
    public static string Compute(IReadOnlyList<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            foreach (var file in InventorySources.Files(path, new DiagnosticBag()) ?? [])
            {
                sha.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
                try
                {
                    sha.AppendData(File.ReadAllBytes(file));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Loading the inventory has already reported an unreadable file; nothing runs then.
                }

                sha.AppendData("\0"u8);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
