using Runbook.Diffing;
using Runbook.Planning;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// The cluster lock is taken before any step, released when the run succeeds, kept when it does not; a run that finds
/// another run's lock stops with exit 2 and names the holder.
/// </summary>
public class ClusterLockTests
{
    private const string Locked = """
        runbook: locked
        lock: { on: any(role=node), name: rke2-certs }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: work, run: step-work }
        """;

    private static FakeTransport Lockable() =>
        new FakeTransport()
            .On(null, "echo 'runbook-lock: taken'", new FakeReply(0, "runbook-lock: taken\n"))
            .On(null, "echo 'runbook-lock: released'", new FakeReply(0, "runbook-lock: released\n"));

    [Fact]
    public async Task The_lock_is_taken_on_the_first_candidate_before_any_step_and_released_when_the_run_succeeds()
    {
        using var dir = new CliRun(Locked, hosts: 2);
        var transport = Lockable();

        var result = await PauseTests.RunAsync(dir, transport, null);

        Assert.Equal(0, result.ExitCode);
        var order = transport.Executions.OrderBy(e => e.Started).ToList();
        Assert.Equal("node-1", order[0].Host);
        Assert.Contains("mkdir -- \"$l\"", order[0].Command.Script, StringComparison.Ordinal);
        Assert.Contains("l=/var/lib/runbook/locks/rke2-certs", order[0].Command.Script, StringComparison.Ordinal);
        Assert.Contains("run=" + Path.GetFileName(dir.RunDirectory), order[0].Command.Script, StringComparison.Ordinal);
        Assert.Contains("runbook=locked", order[0].Command.Script, StringComparison.Ordinal);
        Assert.Contains(
            "ci=https://github.example/ops/clusters/actions/runs/42",
            order[0].Command.Script,
            StringComparison.Ordinal
        );
        Assert.Contains("controller=", order[0].Command.Script, StringComparison.Ordinal);
        Assert.Contains("grep -qxF", order[^1].Command.Script, StringComparison.Ordinal);
        Assert.Equal(2, transport.Ran("step-work").Count());
        Assert.Contains("\"record\":\"lock-taken\"", dir.Journal, StringComparison.Ordinal);
        Assert.Contains("\"record\":\"lock-released\"", dir.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_held_by_another_run_stops_the_run_with_exit_2_naming_the_holder()
    {
        using var dir = new CliRun(Locked, hosts: 2);
        var transport = new FakeTransport().On(
            null,
            "echo 'runbook-lock: taken'",
            new FakeReply(
                0,
                "runbook-lock: held\nrun=20261129T100000Z-beef\nrunbook=locked\ncontroller=ci-7\n"
                    + "started=2026-11-29T10:00:00Z\nci=https://ci.example/job/9\n"
            )
        );

        var result = await PauseTests.RunAsync(dir, transport, null);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(transport.Ran("step-work"));
        Assert.Contains(
            "error: cluster lock 'rke2-certs' on node-1 (/var/lib/runbook/locks/rke2-certs): held by run "
                + "20261129T100000Z-beef of runbook locked from controller ci-7, since 2026-11-29T10:00:00Z, CI job "
                + "https://ci.example/job/9; wait for that run to end, or, if it is gone, remove the lock with: "
                + $"runbook unlock -i {dir.InventoryPath} --name rke2-certs\n",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_failed_run_keeps_the_lock_and_its_resume_finds_it_its_own()
    {
        using var dir = new CliRun(Locked, hosts: 2);
        var transport = Lockable().On("node-2", "step-work", new FakeReply(1));
        Assert.Equal(1, (await PauseTests.RunAsync(dir, transport, null)).ExitCode);
        Assert.Empty(transport.Ran("grep -qxF"));
        Assert.Contains("\"record\":\"lock-kept\"", dir.Journal, StringComparison.Ordinal);

        var id = Path.GetFileName(dir.RunDirectory);
        var resumed = Lockable()
            .On(null, "echo 'runbook-lock: taken'", new FakeReply(0, $"runbook-lock: held\nrun={id}\n"));
        var result = await PauseTests.RunAsync(dir, resumed, null, "--resume", "last");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "[lock] rke2-certs on node-1 (/var/lib/runbook/locks/rke2-certs): still held by this run",
            result.Stdout,
            StringComparison.Ordinal
        );
        Assert.Single(resumed.Ran("grep -qxF"));
    }

    [Fact]
    public async Task A_lock_path_that_cannot_be_made_stops_the_run_with_why()
    {
        using var dir = new CliRun(Locked, hosts: 1);
        var transport = new FakeTransport().On(
            null,
            "echo 'runbook-lock: taken'",
            new FakeReply(3, "runbook-lock: cannot create /var/lib/runbook/locks: mkdir: Permission denied\n")
        );

        var result = await PauseTests.RunAsync(dir, transport, null);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(transport.Ran("step-work"));
        Assert.Contains(
            "error: cluster lock 'rke2-certs' on node-1 (/var/lib/runbook/locks/rke2-certs): cannot create "
                + "/var/lib/runbook/locks: mkdir: Permission denied\n",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Plans_show_the_lock_and_the_pause_and_a_diff_flags_both_removed()
    {
        using var dir = new CliRun(
            Locked.Replace(
                "  - { name: work, run: step-work }",
                "  - { name: work, run: step-work }\n      - { name: look, pause: Check it }",
                StringComparison.Ordinal
            ),
            hosts: 2
        );
        var head = Path.Combine(dir.Root, "head.yaml");
        File.WriteAllText(
            head,
            Locked.Replace("lock: { on: any(role=node), name: rke2-certs }\n", "", StringComparison.Ordinal)
        );

        var plan = RunbookEngine.Compile(dir.RunbookPath, dir.InventoryPath);
        var text = PlanRenderer.Render(plan, PlanFormat.Text);
        Assert.Contains(
            "lock rke2-certs on any(role=node), first reachable of node-1, node-2: /var/lib/runbook/locks/rke2-certs\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "    once for the batch, on the controller\n      2. look  [pause for approval: \"Check it\"]\n",
            text,
            StringComparison.Ordinal
        );
        var json = PlanRenderer.Render(plan, PlanFormat.Json);
        Assert.Contains("\"path\": \"/var/lib/runbook/locks/rke2-certs\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pause\": \"Check it\"", json, StringComparison.Ordinal);

        var diff = GraphDiffer.Compare(plan, RunbookEngine.Compile(head, dir.InventoryPath), "base", "head");
        var risks = diff.Risks.Select(r => $"{r.Code}: {r.Message}").ToList();
        Assert.Contains(
            "RB1010: pause 'look' was removed from phase 'nodes': the rollout no longer waits for approval there",
            risks
        );
        Assert.Contains(
            "RB1011: cluster lock 'rke2-certs' was removed: two runs can now work on the cluster at once",
            risks
        );
    }

    [Fact]
    public void A_lock_that_is_not_any_or_has_a_bad_name_or_dir_is_an_error_with_its_position()
    {
        using var dir = new CliRun(
            Locked.Replace(
                "lock: { on: any(role=node), name: rke2-certs }",
                "lock: { on: role=node, name: 9certs, dir: var/locks, wait: 1s }",
                StringComparison.Ordinal
            )
        );

        var errors = RunbookEngine
            .Validate([dir.RunbookPath])
            .Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Code} {d.Message}")
            .ToList();

        Assert.Contains("2:13 RB0030 a lock is taken on one host: 'on' must be any(...), not 'role=node'", errors);
        Assert.Contains("2:30 RB0015 '9certs' is not a valid lock name", errors);
        Assert.Contains("2:43 RB0013 lock 'dir' must be an absolute path on the host, not 'var/locks'", errors);
        Assert.Contains(
            errors,
            e => e.StartsWith("2:54 RB0010 unknown key 'wait' in 'lock'", StringComparison.Ordinal)
        );
    }
}
