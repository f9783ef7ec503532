namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// The cases of AnsibleCorpus/: one folder each, whose inventory sources are the lines of sources.txt, else its
/// entries named inventory* (sorted), each one -i.
/// </summary>
internal static class AnsibleCorpus
{
    public static string Root => RepositoryFiles.Path("tests", "Runbook.Tests", "Inventories", "AnsibleCorpus");

    public static IEnumerable<string> Cases =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IReadOnlyList<string> Sources(string name)
    {
        var dir = Path.Combine(Root, name);
        var list = Path.Combine(dir, "sources.txt");
        if (File.Exists(list))
        {
            return File.ReadAllLines(list)
                .Where(l => l.Trim().Length > 0)
                .Select(l => Path.Combine(dir, l.Trim()))
                .ToList();
        }

        return Directory.EnumerateFileSystemEntries(dir, "inventory*").Order(StringComparer.Ordinal).ToList();
    }
}
