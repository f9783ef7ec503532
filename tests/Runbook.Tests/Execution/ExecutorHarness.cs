using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>Compiles an inline runbook against an inventory and runs it with a fake transport.</summary>
internal static class ExecutorHarness
{
    public static InventoryDefinition Hosts(int count, string role = "node") =>
        TestInputs.Inventory([.. Enumerable.Range(1, count).Select(i => ($"{role}-{i}", role))]);

    public static ExecutionGraph Compile(string yaml, InventoryDefinition inventory, Dictionary<string, string>? parameters = null)
    {
        var (graph, diagnostics) = TestInputs.Compile(yaml, inventory, parameters);
        Assert.True(graph is not null, string.Join("\n", diagnostics));
        return graph!;
    }

    public static async Task<Result> RunAsync(
        string yaml, InventoryDefinition inventory, FakeTransport transport, int forks = 50, RunControl? control = null, Dictionary<string, string>? parameters = null)
    {
        var graph = Compile(yaml, inventory, parameters);
        var recorder = new RecordingObserver();
        using var own = new RunControl();
        var executor = new Executor(transport, new RunOptions("test-run", forks) { Observers = [recorder] });
        var outcome = await executor.RunAsync(graph, inventory, control ?? own);
        return new Result(outcome, recorder, graph);
    }

    internal sealed record Result(RunOutcome Outcome, RecordingObserver Recorder, ExecutionGraph Graph)
    {
        public IReadOnlyList<RunEvent> Events => [.. Recorder.Events];

        public StepStatus? StatusOf(string host, string stepName) =>
            Recorder.Finished(host).LastOrDefault(e => e.Name == stepName)?.Status;
    }
}
