using System.CommandLine;
using Runbook.Compilation;
using Runbook.Errors;

namespace Runbook.Cli.Commands;

/// <summary><c>runbook validate FILE…</c>: schema and semantic checks of runbooks and inventories. Exit 0 valid, 2 invalid.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Runbook and inventory files",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = CommonOptions.Format("text", "json", "github", "sarif");
        var inventory = CommonOptions.Inventories();
        inventory.Required = false;
        inventory.Description =
            "Also compile each runbook against this inventory and warn about unsafe plans (quorum, gates, units "
            + "left stopped)";
        var parameters = CommonOptions.Params();
        parameters.Description += "; used with --inventory";
        var command = new Command(
            "validate",
            "Check runbooks and inventories; report every problem with file:line:col, and safety warnings"
        )
        {
            files,
            format,
            inventory,
            parameters,
        };
        command.SetAction(
            async (parsed, _) =>
            {
                var paths = parsed.GetValue(files) ?? [];
                // 'runbook validate -i INVENTORY' checks the inventory alone; with neither there is nothing to check.
                var inventories = parsed.GetValue(inventory) ?? [];
                if (paths.Length == 0 && inventories.Length == 0)
                    throw new UsageException("validate needs files to check, or -i INVENTORY");
                var diagnostics = RunbookEngine.Validate(
                    paths,
                    inventories,
                    new CompileOptions(CommonOptions.ParseParams(parsed.GetValue(parameters)), cli.Environment)
                );
                var errors = diagnostics.Any(d => d.IsError);
                var chosen = parsed.GetValue(format) ?? "text";
                if (chosen != "text")
                {
                    // JSON, annotations and SARIF are the answer a tool asked for, valid or not: always on stdout (the
                    // stream GitHub's runner reads workflow commands from); the exit code says which.
                    await DiagnosticPrinter.PrintAsync(cli.Out, diagnostics, chosen);
                }
                else if (diagnostics.Count > 0)
                {
                    await DiagnosticPrinter.PrintAsync(errors ? cli.Error : cli.Out, diagnostics, "text");
                }

                if (!errors && chosen == "text")
                {
                    var count = Math.Max(1, paths.Length);
                    await cli.Out.WriteLineAsync($"ok: {count} {(count == 1 ? "file" : "files")} valid");
                }

                return errors ? ExitCodes.Invalid : ExitCodes.Success;
            }
        );
        return command;
    }
}
