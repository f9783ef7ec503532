using Runbook.History;

namespace Runbook;

/// <summary>
/// The front door of run history: <c>runbook runs</c>, <c>runbook runs show</c> and <c>runbook report</c>.
/// </summary>
public static partial class RunbookEngine
{
    /// <summary>Every run kept under <paramref name="stateDirectory"/>, newest first.</summary>
    internal static IReadOnlyList<RunListing> Runs(string stateDirectory) => RunHistory.List(stateDirectory);

    /// <summary>
    /// One run read back from its run.json and journal (an id, or "last"); refuses (RunRefusedException) an unknown
    /// one. <paramref name="samplesFile"/>: a lab cluster watcher's NDJSON, else the run's own if it has one.
    /// </summary>
    internal static RunReport ReadRun(string stateDirectory, string idOrLast, string? samplesFile = null) =>
        RunHistory.Read(stateDirectory, idOrLast, samplesFile);

    /// <summary>A run's report as HTML, markdown or JUnit XML.</summary>
    internal static string Report(RunReport report, ReportFormat format) => Reports.Render(report, format);
}
