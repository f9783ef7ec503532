namespace Runbook.Inventories;

/// <summary>How inventories are read.</summary>
public sealed record InventoryLoadOptions
{
    public static readonly InventoryLoadOptions Default = new();

    /// <summary>How long an inventory script may run (each of its runs: --list, and --host NAME when needed).</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
