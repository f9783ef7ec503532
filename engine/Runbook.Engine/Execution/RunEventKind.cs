namespace Runbook.Execution;

public enum RunEventKind
{
    RunStarted,
    RunFinished,
    PhaseStarted,
    PhaseFinished,
    BatchStarted,
    BatchFinished,
    StepStarted,
    StepOutput,
    StepFinished,
    GateStarted,
    GateAttempt,
    GateFinished,
}
