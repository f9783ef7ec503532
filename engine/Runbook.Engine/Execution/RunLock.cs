using System.Globalization;
using Runbook.Errors;

namespace Runbook.Execution;

/// <summary>
/// Holds a run for one engine process: an exclusive lock on <c>run.lock</c> in the run's directory (an advisory flock,
/// released by the kernel when the process ends, even by SIGKILL). A second `runbook run --resume` of a run that is
/// still going is refused instead of running every step a second time beside it.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file) => _file = file;

    public static RunLock Acquire(string runDirectory, string id)
    {
        var owner = Path.Combine(runDirectory, "run.owner");
        FileStream file;
        try
        {
            file = new FileStream(
                Path.Combine(runDirectory, "run.lock"),
                FileMode.OpenOrCreate,
                FileAccess.ReadWrite,
                FileShare.None
            );
        }
        catch (IOException)
        {
            var pid = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "unknown";
            var message =
                $"run {id} is going on in another process (pid {pid}); "
                + "wait for it to end, or stop it, before resuming";
            throw new RunRefusedException(RunRefusal.Held, id, message) { OwnerPid = pid };
        }

        File.WriteAllText(owner, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new RunLock(file);
    }

    public void Dispose() => _file.Dispose();
}
