using System.Text;

namespace Runbook.Execution;

/// <summary>
/// The append-only journal of a run: a JSON line per <see cref="JournalRecord"/>, written from the run's (masked)
/// events. Each record (output lines with the next one) is handed
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
        if (JournalRecord.From(e) is not { } record)
            return;
        _file.Write(Encoding.UTF8.GetBytes(record.ToJson() + "\n"));
        if (record is OutputLogged)
            return;
        _file.Flush(flushToDisk: record.IsBoundary);
    }

    public void Dispose()
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
    }
}
