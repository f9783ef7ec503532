using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>Compiles an inline runbook against an inventory and runs it with a fake transport.</summary>
internal static class ExecutorHarness
{
    /// <summary>Two phases over every 'node' host, two steps then one: what connection and order tests run.</summary>
    public const string TwoPhases = """
        runbook: wide
        phases:
          - name: first
            hosts: role=node
            steps:
              - { name: One, run: step-one }
              - { name: Two, run: step-two }
          - name: second
            hosts: role=node
            steps:
              - { name: Three, run: step-three }
        """;

    public static InventoryDefinition Hosts(int count, string role = "node") =>
        TestInputs.Inventory([.. Enumerable.Range(1, count).Select(i => ($"{role}-{i}", role))]);

    public static ExecutionGraph Compile(
        string yaml,
        InventoryDefinition inventory,
        Dictionary<string, string>? parameters = null
    )
    {
        var (graph, diagnostics) = TestInputs.Compile(yaml, inventory, parameters);
        Assert.True(graph is not null, string.Join("\n", diagnostics));
        return graph!;
    }

    /// <summary>
    /// Runs the plan through the engine's front door, as the CLI does (transport injected the one way there is, state
    /// in a scratch directory that is removed afterwards).
    /// </summary>
    public static async Task<Result> RunAsync(
        string yaml,
        InventoryDefinition inventory,
        FakeTransport transport,
        int forks = 50,
        RunControl? control = null,
        Dictionary<string, string>? parameters = null,
        bool preflight = false,
        int pinLimit = HostConnections.DefaultPinLimit
    )
    {
        var graph = Compile(yaml, inventory, parameters);
        var recorder = new RecordingObserver();
        var state = Directory.CreateTempSubdirectory("runbook-executor-");
        try
        {
            var settings = new RunSettings
            {
                Transport = _ => transport,
                Forks = forks,
                StateDirectory = state.FullName,
                Observers = _ => [recorder],
                // Off unless asked: these tests are about what happens while steps run (PreflightTests turn it on).
                Preflight = preflight,
                PinLimit = pinLimit,
            };
            var run = await RunbookEngine.RunAsync(graph, settings, control);
            return new Result(run.Outcome, recorder, graph);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    internal sealed record Result(RunOutcome Outcome, RecordingObserver Recorder, ExecutionGraph Graph)
    {
        public IReadOnlyList<RunEvent> Events => [.. Recorder.Events];

        public StepStatus? StatusOf(string host, string stepName) =>
            Recorder.Finished(host).LastOrDefault(e => e.Name == stepName)?.Status;
    }
}
