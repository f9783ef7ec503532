using Runbook.Execution;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Steps;

/// <summary>What a kind's executor gets: the run, the step and the host it runs on, and where its output
/// goes.</summary>
internal sealed class StepExecution(RunContext ctx, StepScope scope, StepNode step)
{
    public RunContext Run { get; } = ctx;

    public StepNode Step { get; } = step;

    public string Host { get; } = scope.Host;

    public Action<OutputLine> Output { get; } = scope.Output;

    /// <summary>Where the step's events go, for kinds with events of their own (a pause's approval).</summary>
    public StepScope Scope { get; } = scope;

    /// <summary>The host's connection; for a step with 'on: local', the controller's, for this host.</summary>
    public async Task<IHostConnection> ConnectAsync() =>
        Step.Local ? await Run.Connections.LocalAsync(Host) : await Run.Connections.GetAsync(Host);

    /// <summary>
    /// The step's command as sent: with the step's sudo, timeout (the run's default for a step without one, so that a
    /// frozen host cannot hold the run for ever) and environment.
    /// On a host, it carries the run and step ids (<see cref="CommandMarker"/>), so a resumed run finds it still
    /// running.
    /// A step with 'on: local' also gets the run's directory as RUNBOOK_RUN_DIR (first, so its own env may override
    /// it), where it finds what 'fetch' brought and leaves what an upload 'from: run' sends.
    /// </summary>
    public RemoteCommand Remote(Command command)
    {
        var remote = RunContext.Remote(command, Step, Run.Options.DefaultStepTimeout);
        if (!Step.Local)
            return remote with { Marker = new CommandMarker(Run.Options.RunId, Step.Id) };
        var dir = KeyValuePair.Create(Files.RunFiles.Variable, Files.RunFiles.Directory(Run));
        return remote with { Env = [dir, .. remote.Env] };
    }

    /// <summary>Why the step timed out, in words: its own timeout, or the run's default for one without.</summary>
    public string TimedOutWhy =>
        Step.Timeout is { } own ? $"timed out after {own}"
        : Run.Options.DefaultStepTimeout is { } fallback
            ? $"timed out after {new Model.Duration(fallback)} (the run's default timeout for a step without one)"
        : "timed out";
}
