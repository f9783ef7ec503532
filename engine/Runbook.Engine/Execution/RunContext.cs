using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>What every part of one run shares.</summary>
internal sealed class RunContext(
    ExecutionGraph graph,
    RunOptions options,
    RunControl control,
    HostConnections connections,
    ForkBudget forks
)
{
    public ExecutionGraph Graph { get; } = graph;

    public RunOptions Options { get; } = options;

    public RunControl Control { get; } = control;

    public HostConnections Connections { get; } = connections;

    public EventPublisher Events { get; } = new(options.Observers, graph.Secrets, options.Time, control);

    /// <summary>The run's forks, shared with <see cref="Connections"/>.</summary>
    public ForkBudget Forks { get; } = forks;

    /// <summary>Hosts that failed a step (or could not be reached), per batch and for the run.</summary>
    public FailureLedger Failures { get; } = new();

    /// <summary>What steps with 'capture' stored, per host, including those restored from the journal on resume.</summary>
    public HostCaptures Captures { get; } = new(options.Resume.Captures);

    public TimeProvider Time => Options.Time;

    public CancellationToken Abort => Control.Aborting;

    public static RemoteCommand Remote(Command command, StepNode? step, TimeSpan? timeout, bool become = false) =>
        new(
            command.Text,
            step?.Become ?? become,
            step?.Timeout?.Value ?? timeout,
            step is null ? [] : step.Env.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToList()
        );
}
