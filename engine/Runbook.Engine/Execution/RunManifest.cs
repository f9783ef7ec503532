using System.Security.Cryptography;
using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>run.json: what a run was started with, so that a resume can tell whether anything changed.</summary>
internal sealed record RunManifest(
    string Id,
    DateTimeOffset Started,
    string Runbook,
    string Inventory,
    IReadOnlyDictionary<string, string> Params,
    string RunbookSha256,
    string InventorySha256,
    string ParamsSha256)
{
    public static RunManifest Create(string id, DateTimeOffset started, string runbookPath, string inventoryPath, ExecutionGraph graph) => new(
        id,
        started,
        runbookPath,
        inventoryPath,
        graph.Params.ToDictionary(p => p.Name, p => p.Display, StringComparer.Ordinal),
        FileHash(runbookPath),
        FileHash(inventoryPath),
        graph.ParamsHash);

    /// <summary>What differs between the run as recorded and as it would run now: "runbook", "inventory", "params".</summary>
    public IReadOnlyList<string> Differences(RunManifest now)
    {
        var changed = new List<string>();
        if (RunbookSha256 != now.RunbookSha256) changed.Add("runbook");
        if (InventorySha256 != now.InventorySha256) changed.Add("inventory");
        if (ParamsSha256 != now.ParamsSha256) changed.Add("params");
        return changed;
    }

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
