namespace Runbook.Graph;

/// <summary>
/// What a plan was compiled from: the runbook and inventory as named (a path, or a git revision REV:PATH) with the
/// SHA-256 (hex) of their bytes, and the SHA-256 of the resolved params (secret values left out). A run records it
/// in run.json; resuming it with a plan whose fingerprint differs is refused unless forced.
/// </summary>
public sealed record PlanFingerprint(
    string Runbook,
    string Inventory,
    string RunbookSha256,
    string InventorySha256,
    string ParamsSha256
)
{
    /// <summary>The --limit, as written; null when none. A resume must run with the same limit.</summary>
    public string? Limit { get; init; }

    /// <summary>
    /// The SHA-256 of the runbook's text and its included files' texts with every secret masked (a plan hash covers
    /// it, and an unsalted hash of a file whose only unknown is a short secret would give the secret away).
    /// </summary>
    public string RunbookContentSha256 { get; init; } = string.Empty;

    /// <summary>The SHA-256 of the inventory's files' texts with every secret masked (become passwords).</summary>
    public string InventoryContentSha256 { get; init; } = string.Empty;

    public static readonly PlanFingerprint None = new(
        string.Empty,
        string.Empty,
        string.Empty,
        string.Empty,
        string.Empty
    );
}
