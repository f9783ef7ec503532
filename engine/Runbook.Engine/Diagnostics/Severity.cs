namespace Runbook.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}
