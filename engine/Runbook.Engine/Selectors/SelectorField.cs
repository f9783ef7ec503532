namespace Runbook.Selectors;

public enum SelectorField
{
    Role,
    Name,
    Label,
}
