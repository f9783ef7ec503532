using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Cli;

/// <summary>Everything the CLI touches of the outside world, injected so tests can drive it in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>
    /// Builds the transport for <c>runbook run</c> from the plan's endpoints, as <see cref="RunSettings.Transport"/>
    /// does (this is handed to it); null means the real one, the SSH transport.
    /// </summary>
    public Func<IReadOnlyCollection<HostEndpoint>, ITransport>? TransportFactory { get; init; }

    /// <summary>
    /// Sizes the process's thread pool for a run of this many forks (Program.cs); null when the CLI runs inside a
    /// process that is not its own (tests), whose thread pool it leaves alone.
    /// </summary>
    public Action<int>? ReserveThreads { get; init; }

    /// <summary>Ctrl-C and SIGTERM: the first stops starting new work, the second aborts running commands.</summary>
    public RunControl? Interrupts { get; init; }

    /// <summary>Whether <see cref="Out"/> is a terminal, so <c>runbook run</c> may draw a live view.</summary>
    public bool Terminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where answers to questions (a pause's approval, unlock) are read: a terminal; null when there is none.
    /// </summary>
    public TextReader? Input { get; init; }

    /// <summary>The operator's user name: who approved, when RUNBOOK_APPROVER does not say.</summary>
    public string UserName { get; init; } = System.Environment.UserName;

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable)
        {
            Terminal = !Console.IsOutputRedirected,
            Input = Console.IsInputRedirected ? null : Console.In,
        };
}
