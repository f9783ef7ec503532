using System.CommandLine;
using Runbook.Compilation;
using Runbook.Planning;

namespace Runbook.Cli.Commands;

/// <summary><c>runbook plan RUNBOOK -i INVENTORY</c>: print the execution graph, deterministically.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext cli)
    {
        var runbook = new Argument<string>("runbook") { Description = "The runbook file" };
        var inventory = CommonOptions.Inventories();
        var limit = CommonOptions.Limit();
        var parameters = CommonOptions.Params();
        var format = CommonOptions.Format("text", "markdown", "json");
        var maxChars = MaxCharsOption.Create();
        var output = new Option<string?>("--out")
        {
            Description =
                "Also write the plan file to FILE: the JSON plan with its plan_hash, for 'runbook run --plan FILE' "
                + "(docs/ci.md)",
        };
        var command = new Command(
            "plan",
            "Show every phase, batch, host and rendered command, in order, with its gates"
        )
        {
            runbook,
            inventory,
            limit,
            parameters,
            format,
            maxChars,
            output,
        };
        command.SetAction(
            async (parsed, _) =>
            {
                var options = new CompileOptions(
                    CommonOptions.ParseParams(parsed.GetValue(parameters)),
                    cli.Environment
                )
                {
                    Limit = parsed.GetValue(limit),
                };
                var maxLength = MaxCharsOption.Resolve(parsed, maxChars, parsed.GetValue(format)!);
                var graph = RunbookEngine.Compile(parsed.GetValue(runbook)!, parsed.GetValue(inventory)!, options);
                var planFormat = parsed.GetValue(format) switch
                {
                    "markdown" => PlanFormat.Markdown,
                    "json" => PlanFormat.Json,
                    _ => PlanFormat.Text,
                };
                if (graph.Warnings.Length > 0)
                    await DiagnosticPrinter.PrintAsync(cli.Error, graph.Warnings, DiagnosticPrinter.Format(parsed));
                if (parsed.GetValue(output) is { } file)
                    await PlanFiles.WriteAsync(file, RunbookEngine.PlanFileOf(graph));
                var text = maxLength is { } max
                    ? PlanRenderer.Render(graph, planFormat, max)
                    : PlanRenderer.Render(graph, planFormat);
                await cli.Out.WriteAsync(text);
                return ExitCodes.Success;
            }
        );
        return command;
    }
}
