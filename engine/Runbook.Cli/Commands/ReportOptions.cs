using System.CommandLine;

namespace Runbook.Cli.Commands;

/// <summary><c>run --junit FILE</c> and <c>run --summary-file FILE</c>: the reports a CI job keeps of a run.</summary>
internal sealed record ReportOptions(string? Junit, string? SummaryFile)
{
    public static Option<string?> JunitOption() =>
        new("--junit")
        {
            Description =
                "At the end of the run, write its JUnit XML to FILE (a testcase per host × step and per gate)",
        };

    public static Option<string?> SummaryFileOption() =>
        new("--summary-file")
        {
            Description = "At the end of the run, append its markdown summary to FILE (e.g. \"$GITHUB_STEP_SUMMARY\")",
        };
}
