namespace Runbook.Diffing;

public enum DiffFormat
{
    Text,
    Markdown,
    Json,
}
