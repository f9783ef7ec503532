namespace Runbook.Validation;

internal enum DocumentKind
{
    Runbook,
    Inventory,
}
