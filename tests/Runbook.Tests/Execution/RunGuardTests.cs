using Runbook.Errors;
using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// One run per runbook and inventory at a time from one run store: a new run is refused beside one that is going or
/// one that stopped unfinished, unless --allow-concurrent; a resume is refused only beside one that is going.
/// </summary>
public sealed class RunGuardTests
{
    private const string Runbook = """
        runbook: guarded
        phases:
          - name: p
            hosts: role=node
            steps:
              - { name: first, run: "echo first" }
              - { name: second, run: "echo second" }
        """;

    [Fact]
    public async Task A_new_run_beside_one_going_on_is_refused_naming_the_run_and_its_pid()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        using var started = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var blocking = new FakeTransport
        {
            OnStart = (_, script) =>
            {
                if (!script.Contains("first", StringComparison.Ordinal))
                    return;
                started.Release();
                release.Wait(TimeSpan.FromSeconds(30));
            },
        };

        var first = Task.Run(() => dir.RunAsync(blocking));
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)), "the first run never started its step");
        var id = Path.GetFileName(dir.RunDirectory);
        var second = await dir.RunAsync(new FakeTransport());
        var beside = await dir.RunAsync(new FakeTransport(), null, "--allow-concurrent");
        release.Set();
        var firstResult = await first;

        var pid = Environment.ProcessId;
        Assert.Equal(2, second.ExitCode);
        Assert.Equal(
            $"error: run {id} of this runbook and inventory is going on in another process (pid {pid}); "
                + "wait for it to end, or stop it (--allow-concurrent runs beside it anyway)\n",
            second.Stderr
        );
        Assert.Equal(0, beside.ExitCode);
        Assert.Equal(0, firstResult.ExitCode);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(dir.StateDirectory, "runs")).Length);
    }

    [Fact]
    public async Task A_new_run_after_one_stopped_unfinished_is_refused_until_it_is_resumed()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var failing = new FakeTransport().On(null, "second", new FakeReply(Exit: 1, Stderr: "boom"));

        var failed = await dir.RunAsync(failing);
        var id = Path.GetFileName(dir.RunDirectory);
        var refused = await dir.RunAsync(new FakeTransport());
        var resumed = await dir.RunAsync(new FakeTransport(), null, "--resume", "last");
        var again = await dir.RunAsync(new FakeTransport());

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            $"error: run {id} of this runbook and inventory stopped unfinished (step-failed); resume it rather than "
                + $"start again with --resume {id} (--allow-concurrent starts a new run anyway)\n",
            refused.Stderr
        );
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task A_run_started_past_an_unfinished_one_on_purpose_leaves_it_behind()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var failing = new FakeTransport().On(null, "second", new FakeReply(Exit: 1));

        await dir.RunAsync(failing);
        var past = await dir.RunAsync(new FakeTransport(), null, "--allow-concurrent");
        var next = await dir.RunAsync(new FakeTransport());

        Assert.Equal((0, 0), (past.ExitCode, next.ExitCode));
    }

    [Fact]
    public async Task A_run_that_stopped_before_any_step_does_not_hold_back_the_next()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var down = new FakeTransport();
        down.Unreachable.Add("node-1");

        var unreachable = await dir.RunAsync(down);
        var next = await dir.RunAsync(new FakeTransport());

        Assert.NotEqual(0, unreachable.ExitCode);
        Assert.Equal(0, next.ExitCode);
    }

    [Fact]
    public async Task Runs_of_another_inventory_are_not_held_back()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var other = Path.Combine(dir.Root, "other.yaml");
        File.Copy(dir.InventoryPath, other);

        await dir.RunAsync(new FakeTransport().On(null, "second", new FakeReply(Exit: 1)));
        var plan = RunbookEngine.Compile(dir.RunbookPath, other);
        var run = await RunbookEngine.RunAsync(
            plan,
            new RunSettings { Transport = _ => new FakeTransport(), StateDirectory = dir.StateDirectory }
        );
        var same = RunbookEngine.Compile(dir.RunbookPath, dir.InventoryPath);
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() =>
            RunbookEngine.RunAsync(
                same,
                new RunSettings { Transport = _ => new FakeTransport(), StateDirectory = dir.StateDirectory }
            )
        );

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(RunRefusal.Unfinished, refused.Reason);
    }
}
