namespace Runbook.Model;

public enum StepKind
{
    Run,
    Wait,
    Verify,
}
