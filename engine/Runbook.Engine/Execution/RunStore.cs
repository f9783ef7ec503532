using System.Globalization;
using System.Text.Json;
using Runbook.Errors;

namespace Runbook.Execution;

/// <summary>
/// Where runs are kept: <c>&lt;root&gt;/runs/&lt;id&gt;/run.json</c> and <c>journal.ndjson</c>. Ids sort by start time:
/// <c>20261126T010203Z-1a2b</c>.
/// </summary>
internal sealed class RunStore(string root)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public string RunsDirectory { get; } = Path.Combine(root, "runs");

    public static string NewId(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
        + "-"
        + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);

    public string JournalPath(string id) => Path.Combine(RunsDirectory, id, "journal.ndjson");

    public void Create(RunManifest manifest)
    {
        var dir = Path.Combine(RunsDirectory, manifest.Id);
        if (Directory.Exists(dir))
        {
            throw new RunRefusedException(RunRefusal.AlreadyExists, manifest.Id, $"run {manifest.Id} already exists");
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "run.json"), JsonSerializer.Serialize(manifest, Json) + "\n");
    }

    /// <summary>Finds a run by id, or the newest one for "last"; refuses (RunRefusedException) if none is.</summary>
    public RunManifest Load(string idOrLast)
    {
        var id = idOrLast;
        if (idOrLast == "last")
        {
            id = Directory.Exists(RunsDirectory)
                ? Directory
                    .GetDirectories(RunsDirectory)
                    .Select(Path.GetFileName)
                    .Where(n => File.Exists(Path.Combine(RunsDirectory, n!, "run.json")))
                    .Max(StringComparer.Ordinal)
                : null;
            if (id is null)
            {
                throw new RunRefusedException(RunRefusal.NoRuns, idOrLast, $"there are no runs in {RunsDirectory}");
            }
        }

        var file = Path.Combine(RunsDirectory, id, "run.json");
        if (id.IndexOfAny(['/', '\\']) >= 0 || !File.Exists(file))
        {
            throw new RunRefusedException(RunRefusal.UnknownRun, idOrLast, $"no run '{id}' in {RunsDirectory}");
        }

        return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(file), Json)
            ?? throw new RunRefusedException(RunRefusal.Unreadable, id, $"{file} is empty");
    }

    /// <summary>Takes the run for this process; refuses (RunRefusedException) if another process has it.</summary>
    public RunLock Lock(string id) => RunLock.Acquire(Path.Combine(RunsDirectory, id), id);

    /// <summary>What the run's journal records as done; refuses (RunRefusedException) one it cannot read.</summary>
    public ResumeState ReadJournal(string id)
    {
        if (!File.Exists(JournalPath(id)))
            return ResumeState.None;
        try
        {
            return ResumeState.FromJournal(File.ReadLines(JournalPath(id)));
        }
        catch (InvalidDataException ex)
        {
            throw new RunRefusedException(
                RunRefusal.Unreadable,
                id,
                $"run {id} cannot be resumed: {ex.Message}; start a new run"
            );
        }
    }
}
