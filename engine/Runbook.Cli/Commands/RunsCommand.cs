using System.CommandLine;
using Runbook.Cli.Output;
using Runbook.History;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook runs [--format text|json]</c>: the runs in the state directory, newest first; <c>runbook runs show
/// ID|last</c>: one run's phases, batches, hosts and steps with outcomes and timings. <c>runbook report ID|last
/// --format html|markdown|junit [--out FILE]</c>: a report to keep or publish. All read the run store only.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CliContext cli)
    {
        var format = CommonOptions.Format("text", "json");
        var command = new Command("runs", "List the runs kept under .runbook/runs/, newest first") { format };
        command.SetAction(
            async (parsed, _) =>
            {
                var runs = RunbookEngine.Runs(StateDirectory(cli));
                await cli.Out.WriteAsync(
                    parsed.GetValue(format) == "json" ? RunsPrinter.ListJson(runs) : RunsPrinter.ListText(runs)
                );
                return ExitCodes.Success;
            }
        );

        var id = new Argument<string>("run") { Description = "The run's id, or 'last' for the newest" };
        var showFormat = CommonOptions.Format("text", "json");
        var show = new Command("show", "Show one run: phases, batches, hosts and steps with outcomes and timings")
        {
            id,
            showFormat,
        };
        show.SetAction(
            async (parsed, _) =>
            {
                var report = RunbookEngine.ReadRun(StateDirectory(cli), parsed.GetValue(id)!);
                await cli.Out.WriteAsync(
                    parsed.GetValue(showFormat) == "json" ? RunsPrinter.ShowJson(report) : RunsPrinter.ShowText(report)
                );
                return ExitCodes.Success;
            }
        );
        command.Subcommands.Add(show);
        return command;
    }

    public static Command Report(CliContext cli)
    {
        var id = new Argument<string>("run") { Description = "The run's id, or 'last' for the newest" };
        var format = CommonOptions.Format("html", "markdown", "junit");
        var output = new Option<string?>("--out") { Description = "Write the report to FILE instead of stdout" };
        var samples = new Option<string?>("--samples")
        {
            Description = "A lab cluster watcher's samples (runbook lab watch --out FILE) to show beside the run",
        };
        var command = new Command("report", "Write a run's report: HTML (one self-contained file), markdown or JUnit")
        {
            id,
            format,
            output,
            samples,
        };
        command.SetAction(
            async (parsed, _) =>
            {
                var report = RunbookEngine.ReadRun(StateDirectory(cli), parsed.GetValue(id)!, parsed.GetValue(samples));
                var text = RunbookEngine.Report(report, FormatOf(parsed.GetValue(format)));
                if (parsed.GetValue(output) is { } file)
                    RunReports.Write(file, text, append: false, "--out");
                else
                    await cli.Out.WriteAsync(text);
                return ExitCodes.Success;
            }
        );
        return command;
    }

    internal static ReportFormat FormatOf(string? name) =>
        name switch
        {
            "markdown" => ReportFormat.Markdown,
            "junit" => ReportFormat.Junit,
            _ => ReportFormat.Html,
        };

    internal static string StateDirectory(CliContext cli) => cli.Environment("RUNBOOK_STATE_DIR") ?? ".runbook";
}
