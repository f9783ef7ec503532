using System.CommandLine;
using Runbook.Cli.Output;
using Runbook.Compilation;
using Runbook.Errors;
using Runbook.Execution;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook check RUNBOOK -i INVENTORY</c>: only the preflight of <c>run</c>: connect to every host the plan touches
/// and check host keys, authentication, sudo and the commands steps and gates require. Changes nothing and creates no
/// run. Exit 0 ready, 3 a host unreachable or refusing us, 2 sudo or a command missing (or bad input).
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext cli)
    {
        var runbook = new Argument<string>("runbook") { Description = "The runbook file" };
        var inventory = CommonOptions.Inventories();
        var limit = CommonOptions.Limit();
        var parameters = CommonOptions.Params();
        var run = new RunOptionsCli();
        var command = new Command(
            "check",
            "Check every host a run would touch (connection, host key, sudo, required commands) and change nothing"
        )
        {
            runbook,
            inventory,
            limit,
            parameters,
            run.Forks,
            run.Events,
            run.HostKeyPolicy,
            run.SshConfig,
        };
        command.SetAction(
            async (parsed, cancellationToken) =>
            {
                var forks = parsed.GetValue(run.Forks);
                if (forks < 1)
                    throw new UsageException($"--forks must be at least 1, not {forks}");
                var options = new CompileOptions(
                    CommonOptions.ParseParams(parsed.GetValue(parameters)),
                    cli.Environment
                )
                {
                    Limit = parsed.GetValue(limit),
                };
                var plan = RunbookEngine.Compile(parsed.GetValue(runbook)!, parsed.GetValue(inventory)!, options);
                cli.ReserveThreads?.Invoke(forks);
                var eventsPath = parsed.GetValue(run.Events);
                var human = eventsPath == "-" ? cli.Error : cli.Out;
                await using var eventsFile = eventsPath is null or "-" ? null : OpenEvents(eventsPath);
                var observers = new List<IRunObserver> { new PlainRunRenderer(human) };
                if (eventsPath is not null)
                    observers.Add(new NdjsonEventWriter(eventsFile ?? cli.Out));
                var settings = new RunSettings
                {
                    Transport = await RunCommand.TransportAsync(cli, parsed, run, plan),
                    Forks = forks,
                    Observers = _ => observers,
                    Time = cli.Time,
                };
                using var own = cli.Interrupts is null ? new RunControl() : null;
                var interrupts = cli.Interrupts ?? own!;
                await using var stop = own is null ? default : cancellationToken.Register(() => own.Interrupt());
                return ExitCodes.For(await RunbookEngine.CheckAsync(plan, settings, interrupts));
            }
        );
        return command;
    }

    private static StreamWriter OpenEvents(string path)
    {
        try
        {
            return new StreamWriter(path, append: false) { NewLine = "\n" };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--events {path}: {ex.Message}");
        }
    }
}
