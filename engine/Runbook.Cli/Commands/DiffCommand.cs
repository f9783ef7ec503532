using System.CommandLine;
using Runbook.Compilation;
using Runbook.Diffing;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook diff BASE HEAD -i INVENTORY</c>: compile both sides and compare the execution graphs. BASE and HEAD are
/// files or git revisions of one (REV:PATH). Exit 0, or with --exit-code 1 when the plan changed; 2 invalid.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var before = new Argument<string>("base")
        {
            Description =
                "The runbook before the change: a file, or a git revision of one (main:runbooks/x.yaml); /dev/null "
                + "(or an empty file) for a new runbook",
        };
        var after = new Argument<string>("head")
        {
            Description = "The runbook after the change: a file, or a git revision of one",
        };
        var inventory = CommonOptions.Inventories();
        var limit = CommonOptions.Limit();
        inventory.Description += "; with --base-inventory, the inventory after the change";
        var baseInventory = new Option<string>("--base-inventory")
        {
            Description =
                "The inventory before the change (a file or REV:PATH), to review an inventory change; defaults to "
                + "--inventory",
        };
        var parameters = CommonOptions.Params();
        var format = CommonOptions.Format("text", "markdown", "json");
        var maxChars = MaxCharsOption.Create();
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 1 when the plan changed, 0 when not" };
        var command = new Command(
            "diff",
            "Compare the plans of two versions of a runbook (or inventory): what will run differently, and what is "
                + "riskier"
        )
        {
            before,
            after,
            inventory,
            baseInventory,
            limit,
            parameters,
            format,
            maxChars,
            exitCode,
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
                var headInventory = parsed.GetValue(inventory)!;
                var headGraph = RunbookEngine.Compile(parsed.GetValue(after)!, headInventory, options);

                // A new runbook: /dev/null (or an empty file) as the base is the plan with nothing in it.
                var baseGraph = IsEmpty(parsed.GetValue(before)!)
                    ? RunbookEngine.EmptyPlan(headGraph)
                    : RunbookEngine.Compile(
                        parsed.GetValue(before)!,
                        parsed.GetValue(baseInventory) is { } given ? [given] : headInventory,
                        options
                    );
                var diff = GraphDiffer.Compare(baseGraph, headGraph, parsed.GetValue(before)!, parsed.GetValue(after)!);
                var diffFormat = parsed.GetValue(format) switch
                {
                    "markdown" => DiffFormat.Markdown,
                    "json" => DiffFormat.Json,
                    _ => DiffFormat.Text,
                };
                var output = maxLength is { } max
                    ? DiffRenderer.Render(diff, diffFormat, max)
                    : DiffRenderer.Render(diff, diffFormat);
                await cli.Out.WriteAsync(output);
                return diff.Changed && parsed.GetValue(exitCode) ? ExitCodes.PlanChanged : ExitCodes.Success;
            }
        );
        return command;
    }

    /// <summary>/dev/null, or a file with nothing but white space in it: the base of a new runbook.</summary>
    private static bool IsEmpty(string path)
    {
        if (path == "/dev/null")
            return true;
        try
        {
            return File.Exists(path) && new FileInfo(path).Length < 4096 && File.ReadAllText(path).Trim().Length == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // compiling it reports why it cannot be read
        }
    }
}
