using System.CommandLine;
using Runbook.Cli.Commands;
using Runbook.Errors;

namespace Runbook.Cli;

/// <summary>The command line: builds the commands, and is the one place that maps outcomes to exit codes.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Runbook: declarative, gated, one-node-at-a-time operations over SSH.");
        root.Subcommands.Add(ValidateCommand.Create(cli));
        root.Subcommands.Add(PlanCommand.Create(cli));
        root.Subcommands.Add(DiffCommand.Create(cli));
        root.Subcommands.Add(AffectedCommand.Create(cli));
        root.Subcommands.Add(RunCommand.Create(cli));
        root.Subcommands.Add(UnlockCommand.Create(cli));
        root.Subcommands.Add(CheckCommand.Create(cli));
        root.Subcommands.Add(InventoryCommand.Create(cli));
        root.Subcommands.Add(LabCommand.Create(cli));
        root.Subcommands.Add(RunsCommand.Create(cli));
        root.Subcommands.Add(RunsCommand.Report(cli));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await cli.Error.WriteLineAsync($"error: {error.Message}");
            await cli.Error.WriteLineAsync("run 'runbook --help' for usage");
            return ExitCodes.Invalid;
        }

        try
        {
            // ProcessTerminationTimeout null: System.CommandLine would otherwise handle SIGINT/SIGTERM itself and end
            // the process 2 s later (exit 130/143) in the middle of a step; Program owns the two-stage interrupt.
            var invocation = new InvocationConfiguration
            {
                Output = cli.Out,
                Error = cli.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await DiagnosticPrinter.PrintAsync(cli.Error, ex.Diagnostics, DiagnosticPrinter.Format(parsed));
            return ExitCodes.Invalid;
        }
        catch (Lab.LabException ex)
        {
            await cli.Error.WriteLineAsync($"error: lab: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (RunRefusedException ex)
        {
            await cli.Error.WriteLineAsync($"error: {RunCommand.Explain(ex)}");
            return ExitCodes.Invalid;
        }
        catch (Transport.Agent.SshAgentException ex)
        {
            // The agent is the operator's environment, checked before a run: bad input, nothing ran.
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (UsageException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (OperationCanceledException)
        {
            await cli.Error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            await cli.Error.WriteLineAsync($"internal error: {ex.GetType().Name}: {ex.Message}");
            await cli.Error.WriteLineAsync(
                cli.Environment("RUNBOOK_DEBUG") is "1"
                    ? ex.ToString()
                    : "this is a bug in runbook; set RUNBOOK_DEBUG=1 for details and report it"
            );
            return ExitCodes.Internal;
        }
    }
}
