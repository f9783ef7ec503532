using System.Security.Cryptography;
using System.Text.Json;
using Runbook.Compilation;
using Runbook.Errors;
using Runbook.Execution;
using Runbook.Graph;
using Runbook.Tests.Execution.Fakes;
using Runbook.Transport;

namespace Runbook.Tests.Execution;

/// <summary>
/// The engine's front door: a compiled plan carries what running needs (every host's endpoint, a fingerprint of its
/// inputs), a run needs nothing but the plan, and a refused run names no command-line flag until the CLI words it.
/// </summary>
public sealed class FrontDoorTests : IDisposable
{
    private const string Runbook = """
        runbook: front-door
        params:
          unit: { default: rke2-server }
        phases:
          - name: servers
            hosts: role=server
            steps:
              - { name: Restart, run: "systemctl restart {{ params.unit }}" }
        """;

    private const string Inventory = """
        inventory: behind-a-bastion
        known_hosts: ./known_hosts
        defaults: { user: ops, port: 2222 }
        hosts:
          bastion: { address: 203.0.113.10, roles: [bastion], identity_file: ~/.ssh/bastion_key }
          cp-1: { address: 10.0.0.21, roles: [server], jump: bastion }
          cp-2: { address: 10.0.0.22, port: 22, user: root, roles: [server] }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-front-door-").FullName;

    public FrontDoorTests()
    {
        File.WriteAllText(RunbookPath, Runbook);
        File.WriteAllText(InventoryPath, Inventory);
    }

    private string RunbookPath => Path.Combine(_dir, "runbook.yaml");

    private string InventoryPath => Path.Combine(_dir, "inventory.yaml");

    private string StateDirectory => Path.Combine(_dir, "state");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_plan_carries_every_hosts_endpoint_with_its_jump_host_resolved()
    {
        var plan = RunbookEngine.Compile(RunbookPath, InventoryPath);

        var knownHosts = Path.Combine(_dir, "known_hosts");
        var bastion = new HostEndpoint("bastion", "203.0.113.10", 2222, "ops", null, "~/.ssh/bastion_key", knownHosts);
        Assert.Equal(["bastion", "cp-1", "cp-2"], plan.Endpoints.Keys);
        Assert.Equal(bastion, plan.Endpoints["bastion"]);
        Assert.Equal(new("cp-1", "10.0.0.21", 2222, "ops", bastion, null, knownHosts), plan.Endpoints["cp-1"]);
        Assert.Equal(new("cp-2", "10.0.0.22", 22, "root", null, null, knownHosts), plan.Endpoints["cp-2"]);
    }

    [Fact]
    public void The_plan_carries_a_fingerprint_of_the_files_and_params_it_was_compiled_from()
    {
        var plan = RunbookEngine.Compile(RunbookPath, InventoryPath);
        var other = RunbookEngine.Compile(RunbookPath, InventoryPath, Unit("rke2-agent"));

        Assert.Equal(RunbookPath, plan.Fingerprint.Runbook);
        Assert.Equal(InventoryPath, plan.Fingerprint.Inventory);
        Assert.Equal(Sha256(RunbookPath), plan.Fingerprint.RunbookSha256);
        Assert.Equal(Sha256(InventoryPath), plan.Fingerprint.InventorySha256);
        Assert.Equal(plan.Fingerprint with { ParamsSha256 = other.Fingerprint.ParamsSha256 }, other.Fingerprint);
        Assert.NotEqual(plan.Fingerprint.ParamsSha256, other.Fingerprint.ParamsSha256);
    }

    [Fact]
    public async Task A_run_needs_nothing_but_the_plan_and_builds_its_transport_from_the_plans_endpoints()
    {
        var plan = RunbookEngine.Compile(RunbookPath, InventoryPath);
        var (runbookHash, inventoryHash) = (Sha256(RunbookPath), Sha256(InventoryPath));
        File.Delete(RunbookPath);
        File.Delete(InventoryPath);
        var transport = new RecordingTransport(new FakeTransport());
        IReadOnlyCollection<HostEndpoint>? given = null;

        var run = await RunbookEngine.RunAsync(
            plan,
            new RunSettings
            {
                Transport = endpoints =>
                {
                    given = endpoints;
                    return transport;
                },
                StateDirectory = StateDirectory,
            }
        );

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(plan.Endpoints.Values, given);
        var connected = transport.Connected.OrderBy(e => e.Name, StringComparer.Ordinal);
        Assert.Equal([plan.Endpoints["cp-1"], plan.Endpoints["cp-2"]], connected);
        var runJson = File.ReadAllText(Path.Combine(StateDirectory, "runs", run.Id, "run.json"));
        using var manifest = JsonDocument.Parse(runJson);
        Assert.Equal(runbookHash, manifest.RootElement.GetProperty("runbook_sha256").GetString());
        Assert.Equal(inventoryHash, manifest.RootElement.GetProperty("inventory_sha256").GetString());
        Assert.Equal(RunbookPath, manifest.RootElement.GetProperty("runbook").GetString());
    }

    [Fact]
    public async Task A_refused_resume_names_no_flag_in_the_engine()
    {
        var plan = RunbookEngine.Compile(RunbookPath, InventoryPath);
        var settings = new RunSettings { Transport = _ => new FakeTransport(), StateDirectory = StateDirectory };

        var edited = RunbookEngine.Compile(RunbookPath, InventoryPath, Unit("x"));
        Task<RunResult> Resume(string id, ExecutionGraph graph) =>
            RunbookEngine.RunAsync(graph, settings with { Resume = id });

        var none = await Assert.ThrowsAsync<RunRefusedException>(() => Resume("last", plan));
        var run = await RunbookEngine.RunAsync(plan, settings);
        var unknown = await Assert.ThrowsAsync<RunRefusedException>(() => Resume("nope", plan));
        var changed = await Assert.ThrowsAsync<RunRefusedException>(() => Resume(run.Id, edited));

        var runs = Path.Combine(StateDirectory, "runs");
        Assert.Equal((RunRefusal.NoRuns, "last"), (none.Reason, none.RunId));
        Assert.Equal($"there are no runs in {runs}", none.Message);
        Assert.Equal((RunRefusal.UnknownRun, "nope"), (unknown.Reason, unknown.RunId));
        Assert.Equal($"no run 'nope' in {runs}", unknown.Message);
        Assert.Equal(RunRefusal.InputsChanged, changed.Reason);
        Assert.Equal(["params"], changed.Changed);
        var why = "resuming could skip or repeat the wrong steps";
        Assert.Equal($"run {run.Id} was started with a different params; {why}", changed.Message);
    }

    [Fact]
    public async Task The_cli_words_a_refused_resume_with_its_flags()
    {
        using var dir = new CliRun("runbook: r\nphases: [{ name: p, hosts: role=node, steps: [{ name: s, run: x }] }]");

        var none = await dir.RunAsync(new FakeTransport(), null, "--resume", "last");
        var unknown = await dir.RunAsync(new FakeTransport(), null, "--resume", "nope");

        var runs = Path.Combine(dir.StateDirectory, "runs");
        Assert.Equal((2, $"error: --resume last: there are no runs in {runs}\n"), (none.ExitCode, none.Stderr));
        Assert.Equal((2, $"error: --resume nope: no run 'nope' in {runs}\n"), (unknown.ExitCode, unknown.Stderr));
    }

    private static CompileOptions Unit(string unit) =>
        new(new Dictionary<string, string> { ["unit"] = unit }, _ => null);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Records the endpoints it is asked to connect to, and connects with the fake.</summary>
    private sealed class RecordingTransport(FakeTransport inner) : ITransport
    {
        public List<HostEndpoint> Connected { get; } = [];

        public Task<IHostConnection> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken)
        {
            lock (Connected)
                Connected.Add(host);
            return inner.ConnectAsync(host, cancellationToken);
        }
    }
}
