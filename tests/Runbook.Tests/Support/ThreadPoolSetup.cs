using System.Runtime.CompilerServices;

namespace Runbook.Tests.Support;

/// <summary>
/// The test host's start-up, as Program.cs is the CLI's: the thread pool is the process's to tune, and the engine no
/// longer does it. The lab tests connect to several hosts at once over SSH.NET, which blocks a pool thread during each
/// connect's key exchange and authentication; without threads kept ready, connects queue behind the pool's slow thread
/// injection and can hit their connect timeout. Sized for the default 50 forks, as the SSH transport used to do.
/// </summary>
internal static class ThreadPoolSetup
{
    // CA2255 warns libraries off module initializers; this test assembly is where its process starts.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ReserveThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Environment.ProcessorCount + 50;
        if (workers < wanted)
            ThreadPool.SetMinThreads(wanted, io);
    }
}
