using System.Text.Json.Serialization;
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
    string ParamsSha256
)
{
    /// <summary>The --limit the run was started with; a resume keeps it and refuses another.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Limit { get; init; }

    /// <summary>
    /// The full paths of the runbook and inventory (RunGuard.Scope): the runs of one scope go one at a time. Absent
    /// from runs made before it was recorded; their names stand in for it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }

    /// <summary>Who started the run (user@machine) and its CI job, if any: what 'runbook runs' shows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StartedBy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CiJob { get; init; }

    /// <summary>The plan's hash (docs/ci.md); absent from runs made before it was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PlanHash { get; init; }

    /// <summary>
    /// True when the run was started from a reviewed plan (<c>runbook run --plan</c>): a resume must then compile to
    /// the same plan hash, whatever else it is given.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Reviewed { get; init; }

    /// <summary>
    /// The manifest of a run of <paramref name="graph"/>, from its fingerprint and its hash (computed by the caller,
    /// RunbookEngine): no file is re-read.
    /// </summary>
    public static RunManifest Create(
        string id,
        DateTimeOffset started,
        ExecutionGraph graph,
        string? planHash = null
    ) =>
        new(
            id,
            started,
            graph.Fingerprint.Runbook,
            graph.Fingerprint.Inventory,
            graph.Params.ToDictionary(p => p.Name, p => p.Display, StringComparer.Ordinal),
            graph.Fingerprint.RunbookSha256,
            graph.Fingerprint.InventorySha256,
            graph.Fingerprint.ParamsSha256
        )
        {
            Limit = graph.Fingerprint.Limit,
            Scope = RunGuard.Scope(graph.Fingerprint.Runbook, graph.Fingerprint.Inventory),
            PlanHash = planHash,
        };

    /// <summary>
    /// What differs between the run as recorded and as it would run now: "runbook", "inventory", "params", "limit"; for
    /// a run started from a reviewed plan, also the plan hash (ssh endpoints, an uploaded file) when nothing else did.
    /// </summary>
    public IReadOnlyList<string> Differences(RunManifest now)
    {
        var changed = new List<string>();
        if (RunbookSha256 != now.RunbookSha256)
            changed.Add("runbook");
        if (InventorySha256 != now.InventorySha256)
            changed.Add("inventory");
        if (ParamsSha256 != now.ParamsSha256)
            changed.Add("params");
        if (!string.Equals(Limit, now.Limit, StringComparison.Ordinal))
            changed.Add("limit");
        if (Reviewed && PlanHash is not null && changed.Count == 0 && PlanHash != now.PlanHash)
            changed.Add("plan (reviewed " + PlanHash + ", now " + now.PlanHash + ")");
        return changed;
    }
}
