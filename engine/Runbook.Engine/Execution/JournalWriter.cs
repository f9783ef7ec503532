using System.Text;

namespace Runbook.Execution;

/// <summary>
/// The append-only journal of a run: every event as a JSON line. Each record (output lines with the next one) is handed
/// to the operating system as it happens, so a killed engine leaves a journal that resume can trust; the file is
/// synced to disk at batch, gate, phase and run boundaries, so a machine crash loses at most the records of the batch
/// under way, whose steps then run again on resume. Syncing every record would make every host wait on the disk, one
/// after another, under the publisher's lock.
/// </summary>
internal sealed class JournalWriter : IRunObserver, IDisposable
{
    private readonly FileStream _file;

    public JournalWriter(string path)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096);
    }

    public void OnEvent(RunEvent e)
    {
        _file.Write(Encoding.UTF8.GetBytes(EventJson.Serialize(e) + "\n"));
        if (e is StepOutput) return;
        _file.Flush(flushToDisk: e is BatchFinished or GateFinished or PhaseFinished or RunFinished);
    }

    public void Dispose()
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
    }
}
