namespace Runbook.Planning;

public enum PlanFormat
{
    Text,
    Markdown,
    Json,
}
