using System.CommandLine;
using Runbook.Cli.Output;
using Runbook.Compilation;
using Runbook.Errors;
using Runbook.Execution;
using Runbook.History;
using Runbook.Transport;
using Runbook.Transport.SshConfig;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook run RUNBOOK -i INVENTORY</c>: execute exactly the graph <c>plan</c> shows, journaled, resumable. This
/// maps the flags onto the engine's front door (<see cref="RunbookEngine.RunAsync"/>, which owns the run's manifest,
/// lock, journal and resume) and chooses how the run is shown.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var runbook = new Argument<string>("runbook") { Description = "The runbook file" };
        var inventory = CommonOptions.Inventories();
        var limit = CommonOptions.Limit();
        var parameters = CommonOptions.Params();
        var run = new RunOptionsCli();
        var command = new Command(
            "run",
            "Run a runbook: phases, batches, hosts, gates; journaled under .runbook/runs/ so it can be resumed"
        )
        {
            runbook,
            inventory,
            limit,
            parameters,
        };
        foreach (var option in run.All)
            command.Options.Add(option);
        var (junit, summaryFile) = (ReportOptions.JunitOption(), ReportOptions.SummaryFileOption());
        command.Options.Add(junit);
        command.Options.Add(summaryFile);
        command.SetAction(
            async (parsed, cancellationToken) =>
            {
                var (runbookPath, inventoryPaths) = (parsed.GetValue(runbook)!, parsed.GetValue(inventory)!);
                var forks = parsed.GetValue(run.Forks);
                if (forks < 1)
                    throw new UsageException($"--forks must be at least 1, not {forks}");
                var stateDirectory = cli.Environment("RUNBOOK_STATE_DIR") ?? ".runbook";

                // A resume keeps the hosts the run was limited to: without --limit, the recorded one applies; with
                // another, the engine refuses the resume (RunbookEngine.RunAsync).
                var resume = parsed.GetValue(run.Resume);
                var compileOptions = new CompileOptions(
                    CommonOptions.ParseParams(parsed.GetValue(parameters)),
                    cli.Environment
                )
                {
                    Limit =
                        parsed.GetValue(limit)
                        ?? (resume is null ? null : RunbookEngine.RecordedLimit(stateDirectory, resume)),
                };
                var plan = RunbookEngine.Compile(runbookPath, inventoryPaths, compileOptions);
                if (plan.Warnings.Length > 0)
                    await DiagnosticPrinter.PrintAsync(cli.Error, plan.Warnings, "text");

                // A reviewed plan: the plan compiled now must be it, before anything starts (a lab fleet included).
                string? reviewed = null;
                if (parsed.GetValue(run.Plan) is { } planFile)
                {
                    var check = RunbookEngine.CheckPlan(planFile, plan);
                    if (!check.Matches)
                    {
                        await PlanFiles.PrintRefusalAsync(cli.Error, check);
                        return ExitCodes.Invalid;
                    }

                    reviewed = check.ReviewedHash;
                }

                // With --lab, check everything against the real inventory first, then run on its lab copy: the lab's
                // inventory differs (addresses, known_hosts, vars), so the plan that runs is compiled against it.
                var cluster = parsed.GetValue(run.LabCluster);
                if (cluster is not null && !parsed.GetValue(run.Lab))
                    throw new UsageException("--lab-cluster goes with --lab");
                if (parsed.GetValue(run.Lab) && inventoryPaths.Length != 1)
                    throw new UsageException("--lab makes its fleet from one inventory: give -i once");
                await using var lab = parsed.GetValue(run.Lab)
                    ? await LabSession.StartAsync(inventoryPaths[0], cluster, cli, cancellationToken)
                    : null;
                if (lab is not null)
                {
                    plan = RunbookEngine.Compile(runbookPath, lab.InventoryPath, compileOptions);
                    reviewed = null; // the lab's endpoints differ from the reviewed plan's by design: checked above
                }

                cli.ReserveThreads?.Invoke(forks);
                var settings = new RunSettings
                {
                    // The SSH transport resolves each plan endpoint through ssh_config and checks the result (Prepare)
                    // when the engine builds it, before the run is created.
                    Transport = await TransportAsync(cli, parsed, run, plan),
                    Forks = forks,
                    StateDirectory = stateDirectory,
                    Resume = resume,
                    Preflight = !parsed.GetValue(run.NoPreflight),
                    Force = parsed.GetValue(run.Force),
                    AllowConcurrent = parsed.GetValue(run.AllowConcurrent),
                    KillStale = parsed.GetValue(run.KillStale),
                    DefaultStepTimeout = DefaultTimeout(parsed.GetValue(run.DefaultTimeout)),
                    Time = cli.Time,
                    LockOwner = ClusterLockOwner.FromEnvironment(cli.Environment),
                    ReviewedPlanHash = reviewed,
                };
                settings = Approvals(cli, parsed, run, plan, settings);
                if (settings.KillStale && settings.Resume is null)
                {
                    throw new UsageException(
                        "--kill-stale kills what an earlier attempt of a run left running: give the run with --resume"
                    );
                }

                // The process's interrupts when there are (Program.cs); otherwise the invocation's token is the first
                // interrupt.
                using var own = cli.Interrupts is null ? new RunControl() : null;
                var interrupts = cli.Interrupts ?? own!;
                await using var stop = own is null ? default : cancellationToken.Register(() => own.Interrupt());
                var (events, noLive) = (parsed.GetValue(run.Events), parsed.GetValue(run.NoLive));

                // A question at the terminal is not drawn over: a run that may ask shows plain lines.
                noLive |= settings.Approver is not null && plan.AllSteps().Any(s => s.Kind == "pause");
                var reports = new ReportOptions(parsed.GetValue(junit), parsed.GetValue(summaryFile));
                StoreFailures.CheckTargets(
                    (events, "--events"),
                    (reports.Junit, "--junit"),
                    (reports.SummaryFile, "--summary-file")
                );
                return await ExecuteAsync(cli, events, noLive, plan, settings, interrupts, reports, lab);
            }
        );
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliContext cli,
        string? eventsPath,
        bool noLive,
        Graph.ExecutionGraph plan,
        RunSettings settings,
        RunControl control,
        ReportOptions reports,
        LabSession? lab = null
    )
    {
        var human = eventsPath == "-" ? cli.Error : cli.Out;
        var summary = new RunSummary();
        var lockReport = new RunEndings.LockReport();
        var preflight = new PreflightReport();
        StreamWriter? eventsFile = null;
        LiveRunRenderer? live = null;
        var drawing = Task.CompletedTask;

        // Opened only once the engine has the run: a refused resume leaves the events file and the terminal alone.
        IReadOnlyList<IRunObserver> Observers(string id)
        {
            // A lab run with a cluster keeps the watcher's samples beside its journal, for runbook report.
            lab?.WatchInto(
                Path.Combine(new RunStore(settings.StateDirectory).RunsDirectory, id, RunHistory.SamplesFile)
            );
            eventsFile = eventsPath is null or "-" ? null : OpenEvents(eventsPath);
            live = cli.Terminal && !noLive && eventsPath != "-" ? LiveRunRenderer.For(human) : null;
            drawing = live?.DrawAsync() ?? Task.CompletedTask;
            var observers = new List<IRunObserver>
            {
                summary,
                lockReport,
                preflight,
                live ?? (IRunObserver)new PlainRunRenderer(human),
            };
            if (eventsPath is not null)
                observers.Add(
                    new NdjsonEventWriter(eventsFile ?? cli.Out, eventsPath == "-" ? "stdout" : eventsPath)
                );
            return observers;
        }

        try
        {
            RunResult result;
            try
            {
                result = await RunbookEngine.RunAsync(plan, settings with { Observers = Observers }, control);
            }
            finally
            {
                live?.Complete();
                await drawing;
                if (lab is not null)
                    await lab.StopWatchingAsync();
            }

            // The live view keeps only its latest lines: every problem the preflight found is printed after it.
            if (live is not null && preflight.Problems.Count > 0)
            {
                foreach (var line in preflight.Problems)
                    await human.WriteLineAsync(Diagnostics.VisibleText.Escape(line));
            }

            SummaryPrinter.Print(human, summary, result.Id);
            await RunReports.WriteAsync(cli, settings.StateDirectory, result.Id, reports.Junit, reports.SummaryFile);
            await RunEndings.ExplainAsync(cli, plan, result, lockReport);
            await StoreFailures.ExplainAsync(cli, plan, result);
            return ExitCodes.For(result.Outcome);
        }
        finally
        {
            await StoreFailures.CloseAsync(eventsFile);
        }
    }

    /// <summary>
    /// The transport of run and check: the test's, or SSH with --host-key-policy and ssh_config (ssh -F's precedence:
    /// the file given on the command line, else the inventory's, else the two defaults).
    /// </summary>
    internal static async Task<Func<IReadOnlyCollection<HostEndpoint>, ITransport>> TransportAsync(
        CliContext cli,
        ParseResult parsed,
        RunOptionsCli run,
        Graph.ExecutionGraph plan
    )
    {
        var policy = parsed.GetValue(run.HostKeyPolicy) switch
        {
            "accept-new" => HostKeyPolicy.AcceptNew,
            "off" => HostKeyPolicy.Off,
            _ => HostKeyPolicy.Strict,
        };
        // Not given: each host's StrictHostKeyChecking from ssh_config, else strict (the flag's default).
        HostKeyPolicy? given = parsed.GetResult(run.HostKeyPolicy) is { Implicit: false } ? policy : null;
        if (policy == HostKeyPolicy.Off)
        {
            await cli.Error.WriteLineAsync(
                "warning: --host-key-policy off: host keys are not verified, so anyone on the network path "
                    + "can impersonate a host"
            );
        }

        var sshConfig =
            parsed.GetValue(run.SshConfig) is { } file ? SshConfigSource.File(file)
            : plan.SshConfigFile is { } inventoryFile ? SshConfigSource.File(inventoryFile)
            : SshConfigSource.Default;
        return cli.TransportFactory
            ?? (
                endpoints =>
                    SshTransport.Prepared(
                        new SshTransportOptions
                        {
                            HostKeyPolicy = given,
                            Environment = cli.Environment,
                            SshConfig = sshConfig,
                            Warn = cli.Error.Write,
                        },
                        endpoints
                    )
            );
    }

    /// <summary>--default-timeout: a duration, or "none"; the engine's default (one hour) when not given.</summary>
    private static TimeSpan? DefaultTimeout(string? given) =>
        given switch
        {
            null => RunSettings.DefaultTimeout,
            "none" => null,
            _ when Model.Duration.TryParse(given, out var d) && d.Value > TimeSpan.Zero => d.Value,
            _ => throw new UsageException(
                $"--default-timeout '{given}' is not a duration: write it like 30m, 2h or 90s, or 'none'"
            ),
        };

    /// <summary>Why the engine refused the run, with the flags that get past it.</summary>
    public static string Explain(RunRefusedException refused) =>
        refused.Reason switch
        {
            RunRefusal.NoRuns or RunRefusal.UnknownRun => $"--resume {refused.RunId}: {refused.Message}",
            RunRefusal.InputsChanged => $"{refused.Message} (--force resumes anyway)",
            RunRefusal.NotWaiting => $"--approve: {refused.Message}",
            RunRefusal.PlanChanged => $"--plan: {refused.Message}",
            RunRefusal.Concurrent => $"{refused.Message} (--allow-concurrent runs beside it anyway)",
            RunRefusal.StoreUnwritable => $"{refused.Message} (RUNBOOK_STATE_DIR chooses where runs are kept)",
            RunRefusal.Unfinished =>
                $"{refused.Message} with --resume {refused.RunId} (--allow-concurrent starts a new run anyway)",
            _ => refused.Message,
        };

    /// <summary>
    /// Who approves the run's pauses: given in advance (--approve for the pause a resumed run waits at, --yes for
    /// all), asked at the terminal when there is one, or nobody (the run stops at a pause, exit 5).
    /// </summary>
    private static RunSettings Approvals(
        CliContext cli,
        System.CommandLine.ParseResult parsed,
        RunOptionsCli run,
        Graph.ExecutionGraph plan,
        RunSettings settings
    )
    {
        var (approve, yes) = (parsed.GetValue(run.Approve), parsed.GetValue(run.Yes));
        if (approve && settings.Resume is null)
            throw new UsageException("--approve approves the pause a run is waiting at: give the run with --resume");
        var by = cli.Environment("RUNBOOK_APPROVER") is { Length: > 0 } named ? named : cli.UserName;
        return settings with
        {
            ApproveInAdvance = yes ? new ApprovalInAdvance(by, EveryPause: true)
                : approve ? new ApprovalInAdvance(by, EveryPause: false)
                : null,
            Approver = cli.Input is { } input ? new TerminalApprover(input, cli.Error, by) : null,
        };
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
