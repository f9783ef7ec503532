using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Runbook.Cli.Output;
using Runbook.Compilation;
using Runbook.Errors;
using Runbook.Execution;
using Runbook.Model;
using Runbook.Transport;
using Runbook.Transport.SshConfig;
using Runbook.Validation;
using ExecutionGraph = Runbook.Graph.ExecutionGraph;

namespace Runbook.Cli.Commands;

/// <summary><c>runbook run RUNBOOK -i INVENTORY</c>: execute exactly the graph <c>plan</c> shows, journaled, resumable.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var runbook = new Argument<string>("runbook") { Description = "The runbook file" };
        var inventory = CommonOptions.Inventory();
        var parameters = CommonOptions.Params();
        var run = new RunOptionsCli();
        var command = new Command("run", "Run a runbook: phases, batches, hosts, gates; journaled under .runbook/runs/ so it can be resumed")
        {
            runbook, inventory, parameters,
        };
        foreach (var option in run.All) command.Options.Add(option);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (runbookPath, inventoryPath) = (parsed.GetValue(runbook)!, parsed.GetValue(inventory)!);
            var forks = parsed.GetValue(run.Forks);
            if (forks < 1) throw new UsageException($"--forks must be at least 1, not {forks}");
            var compileOptions = new CompileOptions(CommonOptions.ParseParams(parsed.GetValue(parameters)), cli.Environment);
            var graph = Workspace.Compile(runbookPath, inventoryPath, compileOptions);

            // With --lab, check everything against the real inventory first, then run on its lab copy.
            var cluster = parsed.GetValue(run.LabCluster);
            if (cluster is not null && !parsed.GetValue(run.Lab)) throw new UsageException("--lab-cluster goes with --lab");
            await using var lab = parsed.GetValue(run.Lab) ? await LabSession.StartAsync(inventoryPath, cluster, cli, cancellationToken) : null;
            if (lab is not null)
            {
                inventoryPath = lab.InventoryPath;
                graph = Workspace.Compile(runbookPath, inventoryPath, compileOptions);
            }

            var hosts = Workspace.LoadInventory(inventoryPath);
            var policy = parsed.GetValue(run.HostKeyPolicy) switch { "accept-new" => HostKeyPolicy.AcceptNew, "off" => HostKeyPolicy.Off, _ => HostKeyPolicy.Strict };
            // Not given: each host's StrictHostKeyChecking from ssh_config, else strict (the flag's default).
            HostKeyPolicy? given = parsed.GetResult(run.HostKeyPolicy) is { Implicit: false } ? policy : null;
            if (policy == HostKeyPolicy.Off)
            {
                await cli.Error.WriteLineAsync("warning: --host-key-policy off: host keys are not verified, so anyone on the network path can impersonate a host");
            }

            await using var services = BuildServices(cli, hosts, given, forks);
            var transport = services.GetRequiredService<ITransport>();

            var store = new RunStore(cli.Environment("RUNBOOK_STATE_DIR") ?? ".runbook");
            var (id, resume, held) = Prepare(store, cli.Time, parsed.GetValue(run.Resume), parsed.GetValue(run.Force), runbookPath, inventoryPath, graph);
            using var runLock = held;
            // The process's interrupts when there are (Program.cs); otherwise the invocation's token is the first interrupt.
            using var own = cli.Interrupts is null ? new RunControl() : null;
            var interrupts = cli.Interrupts ?? own!;
            await using var stop = own is null ? default : cancellationToken.Register(() => own.Interrupt());
            return await ExecuteAsync(cli, parsed.GetValue(run.Events), parsed.GetValue(run.NoLive), store, id, new RunOptions(id, forks) { Time = cli.Time, Resume = resume },
                transport, graph, hosts, interrupts);
        });
        return command;
    }

    /// <summary>Wires the transport: the SSH transport, unless a test injected its own.</summary>
    private static ServiceProvider BuildServices(
        CliContext cli, InventoryDefinition hosts, HostKeyPolicy? policy, int forks)
    {
        var services = new ServiceCollection();
        if (cli.TransportFactory is { } factory)
        {
            services.AddSingleton(_ => factory(hosts));
        }
        else
        {
            services.AddSshTransport(new SshTransportOptions
            {
                Inventory = hosts, HostKeyPolicy = policy, Environment = cli.Environment, ConcurrentConnects = forks,
                SshConfig = SshConfigSource.Default, Warn = cli.Error.Write,
            });
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The run (new, or the one to resume) held by this process, and what its journal says was done.</summary>
    private static (string Id, ResumeState Resume, RunLock Lock) Prepare(RunStore store, TimeProvider time, string? resume, bool force, string runbookPath, string inventoryPath, ExecutionGraph graph)
    {
        if (resume is null)
        {
            var id = RunStore.NewId(time);
            store.Create(RunManifest.Create(id, time.GetUtcNow(), runbookPath, inventoryPath, graph));
            return (id, ResumeState.None, store.Lock(id));
        }

        var recorded = store.Load(resume);
        var changed = recorded.Differences(RunManifest.Create(recorded.Id, recorded.Started, runbookPath, inventoryPath, graph));
        if (changed.Count > 0 && !force)
        {
            throw new UsageException($"run {recorded.Id} was started with a different {string.Join(", ", changed)}; resuming could skip or repeat the wrong steps (--force resumes anyway)");
        }

        // Held before the journal is read, so what it says cannot change under this process.
        var held = store.Lock(recorded.Id);
        return (recorded.Id, store.ReadJournal(recorded.Id), held);
    }

    private static async Task<int> ExecuteAsync(
        CliContext cli, string? eventsPath, bool noLive, RunStore store, string id, RunOptions options, ITransport transport, ExecutionGraph graph, InventoryDefinition hosts, RunControl control)
    {
        var human = eventsPath == "-" ? cli.Error : cli.Out;
        using var journal = new JournalWriter(store.JournalPath(id));
        await using var eventsFile = eventsPath is null or "-" ? null : OpenEvents(eventsPath);
        var summary = new RunSummary();
        var live = cli.Terminal && !noLive && eventsPath != "-" ? LiveRunRenderer.For(human) : null;
        var observers = new List<IRunObserver> { journal, summary, live ?? (IRunObserver)new PlainRunRenderer(human) };
        if (eventsPath is not null) observers.Add(new NdjsonEventWriter(eventsFile ?? cli.Out));

        var drawing = live?.DrawAsync() ?? Task.CompletedTask;
        RunOutcome outcome;
        try
        {
            outcome = await new Executor(transport, options with { Observers = observers }).RunAsync(graph, hosts, control);
        }
        finally
        {
            live?.Complete();
            await drawing;
        }

        SummaryPrinter.Print(human, summary, id);
        return ExitCodes.For(outcome);
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
