using System.Text.Json;
using Runbook.Errors;

namespace Runbook.Execution;

/// <summary>
/// One run per runbook and inventory at a time from one run store. Before a run starts (or resumes), the other runs of
/// the same runbook and inventory are looked at: one that another process holds is going, and one that began changing
/// hosts and whose last attempt did not succeed is stopped unfinished. A new run is refused beside either; a resume
/// only beside one that is going (resuming a stopped run is how it gets finished). Only the newest earlier run counts
/// as stopped unfinished: a run started past it (allowed explicitly) leaves it behind for good.
/// </summary>
/// <remarks>
/// "Began changing hosts" is a step-started or pause-waiting record in the journal: a run that stopped before any step
/// (preflight failed, cluster lock held, unreachable at the start, killed before its first step) left nothing half
/// done, so a new run may start beside it. The check and the new run's creation happen under one lock on the store
/// (<c>runs/.start.lock</c>), so two runs starting at the same moment cannot both pass it.
/// </remarks>
internal static class RunGuard
{
    /// <summary>Holds the store's start lock while the caller checks and creates its run.</summary>
    public static IDisposable StartLock(RunStore store)
    {
        Directory.CreateDirectory(store.RunsDirectory);
        var path = Path.Combine(store.RunsDirectory, ".start.lock");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process is between its own check and creation: a matter of milliseconds.
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The key runs of "the same runbook and inventory" share: their files' full paths.</summary>
    public static string Scope(string runbook, string inventory) => Full(runbook) + "\n" + Full(inventory);

    /// <summary>Refuses (RunRefusedException) when another run of <paramref name="scope"/> is in the way.</summary>
    public static void Check(RunStore store, string scope, string? resuming)
    {
        if (!Directory.Exists(store.RunsDirectory))
            return;
        var others = Directory
            .GetDirectories(store.RunsDirectory)
            .Select(d => Path.GetFileName(d)!)
            .Where(id => id != resuming && File.Exists(Path.Combine(store.RunsDirectory, id, "run.json")))
            .Select(id => (Id: id, Manifest: Manifest(store, id)))
            .Where(r => r.Manifest is { } m && (m.Scope ?? Scope(m.Runbook, m.Inventory)) == scope)
            // Ids of one second sort by their random part: the start time (to the tick) tells which is newest.
            .OrderByDescending(r => r.Manifest!.Started)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id)
            .ToList();
        foreach (var id in others)
        {
            if (HeldBy(Path.Combine(store.RunsDirectory, id)) is { } pid)
            {
                throw new RunRefusedException(
                    RunRefusal.Concurrent,
                    id,
                    $"run {id} of this runbook and inventory is going on in another process (pid {pid}); "
                        + "wait for it to end, or stop it"
                )
                {
                    OwnerPid = pid,
                };
            }
        }

        if (resuming is null && others is [var newest, ..] && Unfinished(store.JournalPath(newest)) is { } how)
        {
            throw new RunRefusedException(
                RunRefusal.Unfinished,
                newest,
                $"run {newest} of this runbook and inventory stopped unfinished ({how}); "
                    + "resume it rather than start again"
            );
        }
    }

    private static string Full(string name)
    {
        try
        {
            return File.Exists(name) || Directory.Exists(name) ? Path.GetFullPath(name) : name;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException)
        {
            return name;
        }
    }

    private static RunManifest? Manifest(RunStore store, string id)
    {
        try
        {
            return store.Load(id);
        }
        catch (Exception ex) when (ex is RunRefusedException or JsonException or IOException)
        {
            return null; // a run.json that cannot be read is no run of anything
        }
    }

    /// <summary>
    /// The pid recorded by the process that holds the run's lock, or null when none does. Probing takes the lock for
    /// an instant with a shared flock, which an exclusive holder refuses.
    /// </summary>
    private static string? HeldBy(string runDirectory)
    {
        var lockFile = Path.Combine(runDirectory, "run.lock");
        if (!File.Exists(lockFile))
            return null;
        try
        {
            using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (IOException)
        {
            var owner = Path.Combine(runDirectory, "run.owner");
            return File.Exists(owner) ? File.ReadAllText(owner).Trim() : "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>How the run's last attempt ended, if it began changing hosts and did not succeed; else null.</summary>
    private static string? Unfinished(string journal)
    {
        if (!File.Exists(journal))
            return null;
        var begun = false;
        string? outcome = null;
        foreach (var line in File.ReadLines(journal))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    continue;
                switch (Str(doc.RootElement, "record"))
                {
                    case "run-started":
                        outcome = null;
                        break;
                    case "step-started" or "pause-waiting":
                        begun = true;
                        break;
                    case "run-done":
                        outcome = Str(doc.RootElement, "outcome") ?? "interrupted";
                        break;
                }
            }
            catch (JsonException)
            {
                // a torn last line: the process died mid-write
            }
        }

        return !begun || outcome == "succeeded" ? null : outcome ?? "its process ended before the run did";
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
