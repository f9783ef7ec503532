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

    public static readonly PlanFingerprint None = new(
        string.Empty,
        string.Empty,
        string.Empty,
        string.Empty,
        string.Empty
    );
}
