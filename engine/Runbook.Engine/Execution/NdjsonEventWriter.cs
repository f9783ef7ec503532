namespace Runbook.Execution;

/// <summary>
/// The <c>--events</c> sink: one JSON object per line, flushed as it happens. A write that fails (a full disk,
/// /dev/full, a closed pipe) stops the run like a journal write (<see cref="StoreWriteException"/>, once); later
/// events are not written, so nothing half-written is retried.
/// </summary>
/// <param name="name">The file as the user gave it, for the message.</param>
internal sealed class NdjsonEventWriter(TextWriter writer, string name = "the events") : IRunObserver
{
    private bool _failed;

    public void OnEvent(RunEvent e)
    {
        if (_failed)
            return;
        try
        {
            writer.Write(EventJson.Serialize(e));
            writer.Write('\n');
            writer.Flush();
        }
        catch (IOException ex)
        {
            _failed = true;
            throw new StoreWriteException(new StoreFault(name, StoreFault.Describe(ex)));
        }
    }
}
