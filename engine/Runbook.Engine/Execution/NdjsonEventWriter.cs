namespace Runbook.Execution;

/// <summary>The <c>--events</c> sink: one JSON object per line, flushed as it happens.</summary>
internal sealed class NdjsonEventWriter(TextWriter writer) : IRunObserver
{
    public void OnEvent(RunEvent e)
    {
        writer.Write(EventJson.Serialize(e));
        writer.Write('\n');
        writer.Flush();
    }
}
