using Runbook.Cli;
using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>A scratch directory with a runbook and an inventory, and <c>runbook run</c> driven in-process with a fake transport.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun(string runbookYaml, int hosts = 2)
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(RunbookPath, runbookYaml);
        var lines = Enumerable
            .Range(1, hosts)
            .Select(i => $"  node-{i}: {{ address: 127.0.0.{200 + i}, roles: [node] }}");
        File.WriteAllText(InventoryPath, "inventory: test\nhosts:\n" + string.Join("\n", lines) + "\n");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "runbook-run-" + Guid.NewGuid().ToString("n"));

    public string RunbookPath => Path.Combine(Root, "runbook.yaml");

    public string InventoryPath => Path.Combine(Root, "inventory.yaml");

    public string StateDirectory => Path.Combine(Root, "state");

    public string RunDirectory => Directory.GetDirectories(Path.Combine(StateDirectory, "runs")).Single();

    public string Journal => File.ReadAllText(Path.Combine(RunDirectory, "journal.ndjson"));

    public async Task<CliResult> RunAsync(FakeTransport transport, RunControl? interrupts = null, params string[] extra)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = StateDirectory };
        var context = new CliContext(stdout, stderr, name => environment.GetValueOrDefault(name))
        {
            TransportFactory = _ => transport,
            Interrupts = interrupts,
        };
        var exit = await CliApp.RunAsync(
            ["run", RunbookPath, "-i", InventoryPath, .. extra],
            context,
            CancellationToken.None
        );
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
