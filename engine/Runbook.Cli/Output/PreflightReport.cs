using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>
/// Collects what the preflight found, host by host, so that every problem can be printed together: the live view
/// shows only the latest lines, and `runbook check` prints nothing else.
/// </summary>
internal sealed class PreflightReport : IRunObserver
{
    private readonly List<string> _problems = [];

    /// <summary>One line per host with problems, in the plan's host order.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public PreflightFinished? Finished { get; private set; }

    public void OnEvent(RunEvent e)
    {
        switch (e)
        {
            case PreflightChecked c when PlainRunRenderer.Line(c) is { } line:
                _problems.Add(line);
                break;
            case PreflightFinished f:
                Finished = f;
                break;
        }
    }
}
