namespace Runbook.Diffing;

public enum PhaseStatus
{
    Changed,
    Added,
    Removed,
}
