namespace Runbook.Tests.Inventories;

/// <summary>Finds files of this repository from the test output directory, by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    public static string Cases => Path("tests", "Runbook.Tests", "Inventories", "Cases");

    public static string Case(string name) => System.IO.Path.Combine(Cases, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Runbook.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Runbook.sln above {AppContext.BaseDirectory}");
    }
}
