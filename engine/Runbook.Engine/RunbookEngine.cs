using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Execution;
using Runbook.Graph;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Validation;

namespace Runbook;

/// <summary>
/// The engine's front door: validate files, compile a runbook against an inventory into a plan, run a plan. A front
/// end (the CLI, a host program) needs nothing else. Invalid input throws <see cref="InvalidInputException"/> with
/// every diagnostic; a run that cannot start throws <see cref="RunRefusedException"/>; neither names a CLI flag.
/// </summary>
public static partial class RunbookEngine
{
    /// <summary>
    /// Checks runbooks and inventories against the language and the schema; returns every diagnostic, sorted,
    /// warnings included. With an inventory, each valid runbook is also compiled against it and the safety rules run
    /// as warnings.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(
        IEnumerable<string> paths,
        string? inventory = null,
        CompileOptions? options = null
    ) => FileValidator.Validate(paths, inventory, options);

    /// <summary>
    /// <see cref="Validate(IEnumerable{string}, string?, CompileOptions?)"/> with the inventory made of several -i
    /// paths (files, directories, scripts), merged as <see cref="Compile(string, IReadOnlyList{string},
    /// CompileOptions?)"/> merges them; an empty list is no inventory.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(
        IEnumerable<string> paths,
        IReadOnlyList<string> inventories,
        CompileOptions? options = null
    ) => FileValidator.Validate(paths, inventories, options);

    /// <summary>
    /// Loads, validates and compiles a runbook against an inventory. Each is a file, or a git revision of one
    /// (<c>REV:PATH</c>, read with <c>git show</c>): a revision is just another source. All errors of the runbook, the
    /// inventory and the params are reported together.
    /// </summary>
    public static ExecutionGraph Compile(string runbook, string inventory, CompileOptions? options = null) =>
        Compile(runbook, [inventory], options);

    /// <summary>
    /// Compiles a runbook against the inventory made of <paramref name="inventories"/> (each a -i: a file, a
    /// directory or an inventory script; several are merged as Ansible merges them). A single git revision
    /// (<c>REV:PATH</c>) is read as one file, without the working tree's group_vars/ and host_vars/.
    /// </summary>
    public static ExecutionGraph Compile(
        string runbook,
        IReadOnlyList<string> inventories,
        CompileOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(inventories);
        var bag = new DiagnosticBag();
        var runbookText = RevisionSource.Read(runbook, bag);
        var definition = runbookText is null ? null : RunbookReader.Read(SourceLoader.ParseYaml(runbookText, bag), bag);
        var revision = inventories is [var single] && !Directory.Exists(single) && RevisionSource.IsRevision(single);
        var hosts = revision ? LoadRevision(inventories[0], bag) : InventoryLoader.Load(inventories, bag);

        // The templates' own errors are worth reporting even when the inventory is broken (the compiler reports them
        // otherwise).
        if (definition is not null && (hosts is null || bag.HasErrors))
            TemplateCatalog.Build(definition, bag);
        ThrowIfErrors(bag);
        var graph = Compiler.Compile(definition!, hosts!, options ?? CompileOptions.Default, bag);
        ThrowIfErrors(bag);
        if (revision)
            return graph!;

        // The plan hash covers the files read beside the inventory too (group_vars/, host_vars/), secrets masked.
        graph = graph! with
        {
            Fingerprint = graph.Fingerprint with
            {
                InventoryContentSha256 = ContentDigest.OfInventoryFiles(inventories, graph.Secrets),
            },
        };
        if (hosts!.Format is not (InventoryFormat.AnsibleSources or InventoryFormat.AnsibleScript))
        {
            // One Ansible file with group_vars/ or host_vars/ beside it: its own bytes do not say all it holds, so a
            // resume must see a change there too (without vars files the hash stays that of the file's bytes).
            var vars = hosts.Format is InventoryFormat.AnsibleIni or InventoryFormat.AnsibleYaml;
            if (!vars || !InventoryDigest.HasVarsFiles(inventories))
                return graph;
            var digest = InventoryDigest.Compute(inventories);
            return graph with { Fingerprint = graph.Fingerprint with { InventorySha256 = digest } };
        }

        // Several sources (or a directory, a script) have no one text to hash: the fingerprint covers their files.
        var fingerprint = graph.Fingerprint with
        {
            Inventory = string.Join(' ', inventories),
            InventorySha256 = InventoryDigest.Compute(inventories),
        };
        return graph with { Fingerprint = fingerprint };
    }

    private static InventoryDefinition? LoadRevision(string inventory, DiagnosticBag bag) =>
        RevisionSource.Read(inventory, bag) is { } text ? InventoryLoader.Load(text, bag) : null;

    /// <summary>
    /// Runs a compiled plan, or resumes an earlier run of it (<see cref="RunSettings.Resume"/>), and returns the
    /// run's id and outcome. Owns what makes a run resumable: its directory under
    /// <see cref="RunSettings.StateDirectory"/> with run.json (the plan's fingerprint) and the journal, and the lock
    /// that keeps a second process off the run. A resume goes on after the steps and gates the journal records as
    /// completed; it is refused when the plan's inputs changed (unless <see cref="RunSettings.Force"/>) or another
    /// process holds the run.
    /// </summary>
    /// <param name="control">Interrupts (Ctrl-C, SIGTERM); null when nothing interrupts the run.</param>
    public static async Task<RunResult> RunAsync(ExecutionGraph plan, RunSettings settings, RunControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Forks, 1);

        // A reviewed plan is checked before anything else: a plan that differs changes nothing and creates no run.
        var planHash = Planning.PlanHash.Of(plan).Hash;
        if (settings.ReviewedPlanHash is { } reviewed && reviewed != planHash)
        {
            throw new RunRefusedException(
                RunRefusal.PlanChanged,
                settings.Resume ?? string.Empty,
                $"the plan hashes to {planHash}, not to the reviewed {reviewed}"
            );
        }

        // The transport first: one that checks its settings (the SSH transport's ssh_config, identity files, agents)
        // refuses bad input before the run's directory and lock exist, so nothing is left to resume.
        var transport = settings.Transport([.. plan.Endpoints.Values]);
        try
        {
            // The store is checked writable before the run is created, and creating it fails in words: a state
            // directory that is a file, read-only or full refuses the run before any host is touched.
            var store = new RunStore(settings.StateDirectory);
            StoreCheck.Writable(store);
            var (id, resume, held) = StoreCheck.Try(
                settings.StateDirectory,
                () => Prepare(store, plan, settings, planHash)
            );
            using var runLock = held;
            using var journal = StoreCheck.Try(settings.StateDirectory, () => new JournalWriter(store.JournalPath(id)));
            using var own = control is null ? new RunControl() : null;
            var options = new RunOptions(id, settings.Forks)
            {
                Time = settings.Time,
                Directory = Path.Combine(store.RunsDirectory, id),
                Resume = resume,
                Pauses = new PauseApprovals(settings.Approver, settings.ApproveInAdvance, resume.WaitingAt),
                LockOwner = settings.LockOwner,
                Preflight = settings.Preflight,
                DefaultStepTimeout = settings.DefaultStepTimeout,
                PlanHash = planHash,
                Resumed = settings.Resume is not null,
                KillStale = settings.KillStale,
                PinLimit = settings.PinLimit,
                Observers = [journal, .. settings.Observers(id)],
            };
            var outcome = await new Executor(transport, options).RunAsync(plan, control ?? own!);
            return new RunResult(id, outcome) { StoreFaults = (control ?? own!).StoreFaults };
        }
        finally
        {
            if (transport is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs only the preflight of a plan (what <see cref="RunAsync"/> checks before its first step) and changes
    /// nothing: no run is created, no step runs. Events go to <see cref="RunSettings.Observers"/>, given the id
    /// "preflight". Returns <see cref="RunOutcome.Succeeded"/> when every host is ready, else
    /// <see cref="RunOutcome.Unreachable"/> or <see cref="RunOutcome.PreflightFailed"/>.
    /// </summary>
    public static async Task<RunOutcome> CheckAsync(
        ExecutionGraph plan,
        RunSettings settings,
        RunControl? control = null
    )
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Forks, 1);
        var transport = settings.Transport([.. plan.Endpoints.Values]);
        try
        {
            using var own = control is null ? new RunControl() : null;
            var interrupts = control ?? own!;
            using var forks = new ForkBudget(settings.Forks);
            await using var connections = new HostConnections(transport, plan.Endpoints, forks, interrupts.Aborting);
            var options = new RunOptions("preflight", settings.Forks)
            {
                Time = settings.Time,
                Observers = settings.Observers("preflight"),
            };
            var ctx = new RunContext(plan, options, interrupts, connections, forks);
            try
            {
                return await Preflight.RunAsync(ctx) ?? RunOutcome.Succeeded;
            }
            catch (OperationCanceledException) when (interrupts.Aborting.IsCancellationRequested)
            {
                return RunOutcome.Interrupted;
            }
        }
        finally
        {
            if (transport is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }
    }

    /// <summary>The run (new, or the one to resume) held by this process, and what its journal says was done.</summary>
    private static (string Id, ResumeState Resume, RunLock Lock) Prepare(
        RunStore store,
        ExecutionGraph plan,
        RunSettings settings,
        string planHash
    )
    {
        // Checked and created under the store's start lock, so two runs starting at once cannot both pass the check.
        using var starting = RunGuard.StartLock(store);
        var scope = RunGuard.Scope(plan.Fingerprint.Runbook, plan.Fingerprint.Inventory);
        if (settings.Resume is not { } resume)
        {
            if (!settings.AllowConcurrent)
                RunGuard.Check(store, scope, resuming: null);
            var id = RunStore.NewId(settings.Time);
            var manifest = RunManifest.Create(id, settings.Time.GetUtcNow(), plan, planHash) with
            {
                Reviewed = settings.ReviewedPlanHash is not null,
                StartedBy = $"{Environment.UserName}@{settings.LockOwner.Controller}",
                CiJob = settings.LockOwner.CiJob,
            };
            store.Create(manifest);
            return (id, ResumeState.None, store.Lock(id));
        }

        var recorded = store.Load(resume);
        var changed = recorded.Differences(RunManifest.Create(recorded.Id, recorded.Started, plan, planHash));
        if (changed.Count > 0 && !settings.Force)
        {
            var what = string.Join(", ", changed);
            var message =
                $"run {recorded.Id} was started with a different {what}; "
                + "resuming could skip or repeat the wrong steps";
            if (changed is ["limit"])
                message = LimitChanged(recorded.Id, recorded.Limit, plan.Fingerprint.Limit);
            throw new RunRefusedException(RunRefusal.InputsChanged, recorded.Id, message) { Changed = changed };
        }

        // Held before the journal is read, so what it says cannot change under this process.
        var held = store.Lock(recorded.Id);
        if (!settings.AllowConcurrent)
        {
            try
            {
                RunGuard.Check(store, scope, resuming: recorded.Id);
            }
            catch (RunRefusedException)
            {
                held.Dispose();
                throw;
            }
        }

        var journal = store.ReadJournal(recorded.Id);
        if (settings.ApproveInAdvance is { EveryPause: false } && journal.WaitingAt is null)
        {
            held.Dispose();
            throw new RunRefusedException(
                RunRefusal.NotWaiting,
                recorded.Id,
                $"run {recorded.Id} is not waiting for approval: there is no pause to approve"
            );
        }

        return (recorded.Id, journal, held);
    }

    /// <summary>
    /// The limit the run <paramref name="resume"/> (an id, or "last") was started with, or null when it had none: a
    /// front end compiles a resumed run's plan with it, so that resuming keeps the hosts the run was limited to.
    /// Refuses (<see cref="RunRefusedException"/>) a run that does not exist.
    /// </summary>
    public static string? RecordedLimit(string stateDirectory, string resume) =>
        new RunStore(stateDirectory).Load(resume).Limit;

    private static string LimitChanged(string id, string? recorded, string? now) =>
        $"run {id} was started "
        + (recorded is null ? "without a limit" : $"limited to '{recorded}'")
        + (now is null ? ", not without one" : $", not to '{now}'")
        + "; resume it with the same limit, or start a new run for other hosts";

    private static void ThrowIfErrors(DiagnosticBag bag)
    {
        if (bag.HasErrors)
            throw new InvalidInputException(bag.ToSortedList());
    }
}
