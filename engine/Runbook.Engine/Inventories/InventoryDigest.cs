using System.Security.Cryptography;
using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// The SHA-256 of an inventory made of several -i paths, a directory or a script: every file they stand for (as
/// <see cref="InventorySources"/> lists them), by name and bytes, in order, then every file under the group_vars/ and
/// host_vars/ beside each path (all of them, read or not: a file added there may be read by the next load). A resumed
/// run compares it, so a change to any of those files is seen, as it is for a single inventory file.
/// </summary>
internal static class InventoryDigest
{
    public static string Compute(IReadOnlyList<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            foreach (var file in InventorySources.Files(path, new DiagnosticBag()) ?? [])
                Append(sha, file, file);
            var root = InventorySources.VarsDirectory(path);
            foreach (var file in VarsFiles(root))
                Append(sha, Path.GetRelativePath(root, file), file);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>True when a group_vars/ or host_vars/ directory sits beside one of the -i paths.</summary>
    public static bool HasVarsFiles(IReadOnlyList<string> paths) =>
        paths.Any(p => VarsDirectories(InventorySources.VarsDirectory(p)).Any());

    private static IEnumerable<string> VarsDirectories(string root) =>
        new[] { "group_vars", "host_vars" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists);

    private static IEnumerable<string> VarsFiles(string root)
    {
        foreach (var directory in VarsDirectories(root))
        {
            List<string> files;
            try
            {
                files = [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // loading the inventory reports what it could not read
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
                yield return file;
        }
    }

    private static void Append(IncrementalHash sha, string name, string file)
    {
        sha.AppendData(Encoding.UTF8.GetBytes(name + "\0"));
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
