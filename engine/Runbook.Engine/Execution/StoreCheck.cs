using Runbook.Errors;

namespace Runbook.Execution;

/// <summary>
/// The run store checked writable before a run is created: a state directory that is a file, on a read-only file
/// system, or on a full disk refuses the run (<see cref="RunRefusal.StoreUnwritable"/>) before any host is touched,
/// rather than failing at its first record.
/// </summary>
internal static class StoreCheck
{
    /// <summary>What a probe writes (and syncs, then deletes): a disk with less room fails the check.</summary>
    public const int ProbeBytes = 4096;

    public static void Writable(RunStore store)
    {
        var root = Path.GetDirectoryName(store.RunsDirectory)!;
        if (File.Exists(root))
            throw Refused(root, "it is a file, not a directory");
        Try(root, () => Directory.CreateDirectory(store.RunsDirectory));
        var probe = Path.Combine(store.RunsDirectory, $".probe-{Environment.ProcessId}");
        Try(
            root,
            () =>
            {
                using var file = new FileStream(
                    probe,
                    FileMode.Create,
                    FileAccess.Write,
                    FileShare.None,
                    0,
                    FileOptions.DeleteOnClose
                );
                file.Write(new byte[ProbeBytes]);
                file.Flush(flushToDisk: true);
            }
        );
    }

    /// <summary>Runs a step of creating or opening the run's files; an I/O error is the store's, in words.</summary>
    public static T Try<T>(string root, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused(root, StoreFault.Describe(ex));
        }
    }

    private static void Try(string root, Action action) =>
        Try(
            root,
            () =>
            {
                action();
                return 0;
            }
        );

    private static RunRefusedException Refused(string root, string why) =>
        new(
            RunRefusal.StoreUnwritable,
            string.Empty,
            $"the run store {Path.GetFullPath(root)} cannot be written: {why}; nothing ran"
        );
}
