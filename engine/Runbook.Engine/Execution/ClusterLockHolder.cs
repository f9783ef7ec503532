using System.Globalization;

namespace Runbook.Execution;

/// <summary>
/// Who holds a cluster lock, as its owner file on the host says: the run, its runbook, the controller it runs on, when
/// it took the lock, and its CI job when it ran in one. Fields the file lacks are null (a lock being taken has no
/// owner file for a moment).
/// </summary>
public sealed record ClusterLockHolder(
    string Name,
    string Host,
    string Path,
    string? RunId,
    string? Runbook,
    string? Controller,
    string? Started,
    string? CiJob
)
{
    /// <summary>"run ID of runbook R from controller C, since S, CI job URL".</summary>
    public string Describe()
    {
        if (RunId is null)
            return "an unknown run (the lock has no owner file)";
        var parts = new List<string> { $"run {RunId}" + (Runbook is null ? string.Empty : $" of runbook {Runbook}") };
        if (Controller is not null)
            parts[0] += $" from controller {Controller}";
        if (Started is not null)
            parts.Add($"since {Started}");
        if (CiJob is not null)
            parts.Add($"CI job {CiJob}");
        return string.Join(", ", parts);
    }

    /// <summary>The owner file's lines (key=value) as a holder.</summary>
    internal static ClusterLockHolder Parse(string name, string host, string path, IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                values.TryAdd(line[..eq].Trim(), line[(eq + 1)..].Trim());
        }

        string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        return new(name, host, path, Get("run"), Get("runbook"), Get("controller"), Get("started"), Get("ci"));
    }

    /// <summary>The owner file a run writes: one key=value a line, no newlines inside a value.</summary>
    internal static IReadOnlyList<string> OwnerLines(
        string runId,
        string runbook,
        string controller,
        DateTimeOffset started,
        string? ciJob
    )
    {
        static string Clean(string s) => s.Replace('\n', ' ').Replace('\r', ' ').Trim();
        var lines = new List<string>
        {
            "run=" + Clean(runId),
            "runbook=" + Clean(runbook),
            "controller=" + Clean(controller),
            "started=" + started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (ciJob is { Length: > 0 })
            lines.Add("ci=" + Clean(ciJob));
        return lines;
    }
}

/// <summary>Who a run says it is in the owner file of a lock it takes.</summary>
/// <param name="Controller">The machine running the engine (its host name).</param>
/// <param name="CiJob">The CI job's URL, when the run is part of one.</param>
public sealed record ClusterLockOwner(string Controller, string? CiJob)
{
    /// <summary>This machine, and the CI job the environment names: GitHub Actions, GitLab CI.</summary>
    public static ClusterLockOwner FromEnvironment(Func<string, string?> environment) =>
        new(Environment.MachineName, CiJobUrl(environment));

    /// <summary>
    /// GitHub Actions: GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID; GitLab: CI_JOB_URL; else
    /// null.
    /// </summary>
    public static string? CiJobUrl(Func<string, string?> environment)
    {
        if (
            environment("GITHUB_SERVER_URL") is { Length: > 0 } server
            && environment("GITHUB_REPOSITORY") is { Length: > 0 } repository
            && environment("GITHUB_RUN_ID") is { Length: > 0 } run
        )
            return $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}";
        return environment("CI_JOB_URL") is { Length: > 0 } job ? job : null;
    }
}
