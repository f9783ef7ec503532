using BenchmarkDotNet.Attributes;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Planning;

namespace Runbook.Benchmarks;

/// <summary>
/// Planning must stay instant at fleet scale: compile (select, batch, render every template) a 20-step runbook over a
/// 5,000-host inventory, and render the text plan. Target: compile under 1 s on the 2-core reference machine.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private RunbookDefinition _runbook = null!;
    private InventoryDefinition _inventory = null!;
    private ExecutionGraph _graph = null!;

    [Params(500, 5000)]
    public int Hosts { get; set; }

    [Params("\"10%\"", "1")]
    public string Serial { get; set; } = "1";

    [GlobalSetup]
    public void Setup()
    {
        _runbook = FleetInputs.Runbook(Serial);
        _inventory = FleetInputs.Inventory(Hosts);
        _graph = Compile();
    }

    [Benchmark]
    public ExecutionGraph Compile()
    {
        var bag = new DiagnosticBag();
        return Compiler.Compile(_runbook, _inventory, CompileOptions.Default, bag)
            ?? throw new InvalidOperationException(string.Join("\n", bag.ToSortedList()));
    }

    [Benchmark]
    public string RenderTextPlan() => PlanRenderer.Render(_graph, PlanFormat.Text);
}
