namespace Runbook.Validation;

internal enum DocumentKind
{
    Runbook,
    Inventory,

    /// <summary>A file of steps or gates for runbooks to include.</summary>
    Included,
}
