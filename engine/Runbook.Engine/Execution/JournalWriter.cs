using System.Text;

namespace Runbook.Execution;

/// <summary>
/// The append-only journal of a run: every event as a JSON line, written through to disk record by record (output lines
/// are flushed with the next record), so a crash at any moment leaves a journal that resume can trust.
/// </summary>
internal sealed class JournalWriter : IRunObserver, IDisposable
{
    private readonly FileStream _file;

    public JournalWriter(string path)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
    }

    public void OnEvent(RunEvent e)
    {
        _file.Write(Encoding.UTF8.GetBytes(EventJson.Serialize(e) + "\n"));
        if (e.Kind != RunEventKind.StepOutput) _file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
    }
}
