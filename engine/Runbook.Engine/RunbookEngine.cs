using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Execution;
using Runbook.Graph;
using Runbook.Inventories;
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
    /// Loads, validates and compiles a runbook against an inventory. Each is a file, or a git revision of one
    /// (<c>REV:PATH</c>, read with <c>git show</c>): a revision is just another source. All errors of the runbook, the
    /// inventory and the params are reported together.
    /// </summary>
    public static ExecutionGraph Compile(string runbook, string inventory, CompileOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var runbookText = RevisionSource.Read(runbook, bag);
        var inventoryText = RevisionSource.Read(inventory, bag);
        var definition = runbookText is null ? null : RunbookReader.Read(SourceLoader.ParseYaml(runbookText, bag), bag);
        var hosts = inventoryText is null ? null : InventoryLoader.Load(inventoryText, bag);

        // The templates' own errors are worth reporting even when the inventory is broken (the compiler reports them
        // otherwise).
        if (definition is not null && (hosts is null || bag.HasErrors))
            TemplateCatalog.Build(definition, bag);
        ThrowIfErrors(bag);
        var graph = Compiler.Compile(definition!, hosts!, options ?? CompileOptions.Default, bag);
        ThrowIfErrors(bag);
        return graph!;
    }

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

        // The transport first: one that checks its settings (the SSH transport's ssh_config, identity files, agents)
        // refuses bad input before the run's directory and lock exist, so nothing is left to resume.
        var transport = settings.Transport([.. plan.Endpoints.Values]);
        try
        {
            var store = new RunStore(settings.StateDirectory);
            var (id, resume, held) = Prepare(store, plan, settings);
            using var runLock = held;
            using var journal = new JournalWriter(store.JournalPath(id));
            using var own = control is null ? new RunControl() : null;
            var options = new RunOptions(id, settings.Forks)
            {
                Time = settings.Time,
                Directory = Path.Combine(store.RunsDirectory, id),
                Resume = resume,
                Pauses = new PauseApprovals(settings.Approver, settings.ApproveInAdvance, resume.WaitingAt),
                LockOwner = settings.LockOwner,
                Observers = [journal, .. settings.Observers(id)],
            };
            return new RunResult(id, await new Executor(transport, options).RunAsync(plan, control ?? own!));
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
        RunSettings settings
    )
    {
        if (settings.Resume is not { } resume)
        {
            var id = RunStore.NewId(settings.Time);
            store.Create(RunManifest.Create(id, settings.Time.GetUtcNow(), plan));
            return (id, ResumeState.None, store.Lock(id));
        }

        var recorded = store.Load(resume);
        var changed = recorded.Differences(RunManifest.Create(recorded.Id, recorded.Started, plan));
        if (changed.Count > 0 && !settings.Force)
        {
            var what = string.Join(", ", changed);
            var message =
                $"run {recorded.Id} was started with a different {what}; "
                + "resuming could skip or repeat the wrong steps";
            throw new RunRefusedException(RunRefusal.InputsChanged, recorded.Id, message) { Changed = changed };
        }

        // Held before the journal is read, so what it says cannot change under this process.
        var held = store.Lock(recorded.Id);
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

    private static void ThrowIfErrors(DiagnosticBag bag)
    {
        if (bag.HasErrors)
            throw new InvalidInputException(bag.ToSortedList());
    }
}
