using System.Diagnostics;

namespace Runbook.Tests.Integration.StoreFaults;

/// <summary>
/// A small tmpfs mounted on a directory for one test (the lab tests run as root): a disk that fills, or a read-only
/// one, which chmod cannot make for root. Unmounted (lazily, should a process still hold a file) when disposed.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    public TmpfsMount(string directory, string options)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory);
    }

    public string Directory { get; }

    public void Dispose() => Run("umount", "-l", Directory);

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {stderr}");
    }
}
