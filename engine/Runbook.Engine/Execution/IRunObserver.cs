namespace Runbook.Execution;

/// <summary>Receives every event of a run, one at a time and in order (the executor serialises calls).</summary>
public interface IRunObserver
{
    void OnEvent(RunEvent e);
}
