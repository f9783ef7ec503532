using System.Runtime.CompilerServices;

namespace Runbook.Tests.Support;

/// <summary>
/// Tests run with the repository root as the working directory, so paths in diagnostics and snapshots read as a user
/// would type them (runbooks/x.yaml), identical on every machine.
/// </summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    [ModuleInitializer]
    internal static void UseAsWorkingDirectory() => Directory.SetCurrentDirectory(Path);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Runbook.sln")))
            dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException("cannot find Runbook.sln above " + AppContext.BaseDirectory);
    }
}
