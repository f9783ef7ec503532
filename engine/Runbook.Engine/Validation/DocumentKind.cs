namespace Runbook.Validation;

public enum DocumentKind
{
    Runbook,
    Inventory,
}
