using Runbook.Errors;
using Runbook.History;

namespace Runbook.Cli.Output;

/// <summary>
/// <c>run --junit FILE</c> and <c>run --summary-file FILE</c>: the run's JUnit XML and markdown summary, written when
/// the run ends however it ended (succeeded, failed, interrupted, waiting), from its journal as <c>runbook report</c>
/// reads it. The summary is appended, as GitHub's GITHUB_STEP_SUMMARY expects; the JUnit file is replaced.
/// </summary>
internal static class RunReports
{
    public static async Task WriteAsync(
        CliContext cli,
        string stateDirectory,
        string runId,
        string? junit,
        string? summary
    )
    {
        if (junit is null && summary is null)
            return;
        RunReport report;
        try
        {
            report = RunbookEngine.ReadRun(stateDirectory, runId);
        }
        catch (RunRefusedException ex)
        {
            await cli.Error.WriteLineAsync($"warning: no report for run {runId}: {ex.Message}");
            return;
        }

        if (junit is not null)
            WriteOrWarn(cli, junit, RunbookEngine.Report(report, ReportFormat.Junit), append: false, "--junit");
        if (summary is not null)
            WriteOrWarn(
                cli,
                summary,
                RunbookEngine.Report(report, ReportFormat.Markdown),
                append: true,
                "--summary-file"
            );
    }

    /// <summary>Writes a report file; a report that cannot be written does not change the run's exit code.</summary>
    private static void WriteOrWarn(CliContext cli, string path, string text, bool append, string flag)
    {
        try
        {
            Write(path, text, append, flag);
        }
        catch (UsageException ex)
        {
            cli.Error.WriteLine($"warning: {ex.Message}");
        }
    }

    public static void Write(string path, string text, bool append, string flag)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
                Directory.CreateDirectory(dir);
            if (append)
                File.AppendAllText(path, text);
            else
                File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag} {path}: {ex.Message}");
        }
    }
}
