using Runbook.Execution;
using Runbook.Graph;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// on_failure and finally with the in-process transport: who runs them, when, and what the run ends with.
/// </summary>
public class CleanupTests
{
    private const string Runbook = """
        runbook: cleanup
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: One, run: step-one }
              - { name: Two, run: step-two }
              - { name: Three, run: step-three }
            on_failure:
              - { name: Undo, run: undo-it }
              - { name: Start again, run: start-again }
            finally:
              - { name: Tidy, run: tidy-up }
        """;

    [Fact]
    public async Task On_failure_runs_only_on_the_failed_host_and_finally_on_every_host_that_started()
    {
        var transport = new FakeTransport().On("node-2", "step-two", new FakeReply(1));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(3), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(["node-2"], transport.Ran("undo-it").Select(e => e.Host));
        Assert.Equal(["node-2"], transport.Ran("start-again").Select(e => e.Host));
        Assert.Equal(["node-1", "node-2", "node-3"], transport.Ran("tidy-up").Select(e => e.Host).Order());
        Assert.DoesNotContain(transport.Ran("step-three"), e => e.Host == "node-2");
        // On the failed host: its failed step, then on_failure in order, then finally.
        var order = transport.Executions.Where(e => e.Host == "node-2").Select(e => e.Command.Script).ToList();
        Assert.Equal(["step-one", "step-two", "undo-it", "start-again", "tidy-up"], order);
        var undo = run.Events.OfType<StepFinished>().Single(e => e.Name == "Undo");
        Assert.Equal(StepList.OnFailure, undo.List);
        Assert.Equal("p1.b1.node-2.onfail1", undo.Step);
        var started = run.Events.OfType<CleanupStarted>().Single(e => e.List == StepList.OnFailure);
        Assert.Equal("step 'Two' (p1.b1.node-2.s2) failed", started.Why);
        Assert.Equal(3, run.Events.OfType<CleanupFinished>().Count(e => e.List == StepList.Finally));
    }

    [Fact]
    public async Task On_failure_runs_after_a_step_timed_out()
    {
        var transport = new FakeTransport().On("node-1", "step-one", new FakeReply(TimedOut: true));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(StepStatus.TimedOut, run.StatusOf("node-1", "One"));
        Assert.Single(transport.Ran("undo-it"));
        Assert.Contains(
            run.Events.OfType<CleanupStarted>(),
            e => e.Why!.EndsWith("timed out", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_failing_clean_up_step_is_reported_skips_the_rest_of_its_list_and_keeps_the_original_outcome()
    {
        var transport = new FakeTransport()
            .On("node-1", "step-one", new FakeReply(1))
            .On("node-1", "undo-it", new FakeReply(7));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(StepStatus.Failed, run.StatusOf("node-1", "Undo"));
        Assert.Equal(StepStatus.Skipped, run.StatusOf("node-1", "Start again"));
        Assert.Empty(transport.Ran("start-again"));
        Assert.Single(transport.Ran("tidy-up")); // finally runs even when on_failure failed
        var onFailure = run.Events.OfType<CleanupFinished>().Single(e => e.List == StepList.OnFailure);
        Assert.Equal(StepStatus.Failed, onFailure.Status);
    }

    [Fact]
    public async Task A_failing_finally_step_fails_a_host_whose_steps_succeeded()
    {
        var transport = new FakeTransport().On("node-1", "tidy-up", new FakeReply(1));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Empty(transport.Ran("undo-it"));
        Assert.Equal(StepStatus.Ok, run.StatusOf("node-2", "Tidy"));
    }

    [Fact]
    public async Task A_host_that_cannot_be_reached_gets_no_clean_up_and_the_run_says_so()
    {
        var transport = new FakeTransport();
        transport.Unreachable.Add("node-1");

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Unreachable, run.Outcome);
        Assert.Empty(transport.Ran("undo-it"));
        Assert.Equal(["node-2"], transport.Ran("tidy-up").Select(e => e.Host));
        var skipped = run.Recorder.Finished("node-1").Where(e => e.List != StepList.Steps).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, e => Assert.Equal("host unreachable", e.Why));
    }

    [Fact]
    public async Task A_host_stopped_by_a_first_interrupt_still_cleans_up()
    {
        using var control = new RunControl();
        var transport = new FakeTransport().On("node-1", "step-two", new FakeReply(1));
        transport.OnStart = (_, script) =>
        {
            if (script == "step-two")
                control.Interrupt();
        };

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(1), transport, control: control);

        Assert.Empty(transport.Ran("step-three"));
        Assert.Single(transport.Ran("undo-it"));
        Assert.Single(transport.Ran("tidy-up"));
    }

    [Fact]
    public async Task A_second_interrupt_starts_no_clean_up()
    {
        using var control = new RunControl();
        var transport = new FakeTransport();
        transport.OnStart = (_, script) =>
        {
            if (script == "step-two")
                while (control.Interrupt() < 2) { }
        };

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(1), transport, control: control);

        Assert.Equal(RunOutcome.Interrupted, run.Outcome);
        Assert.Empty(transport.Ran("undo-it"));
        Assert.Empty(transport.Ran("tidy-up"));
    }

    [Fact]
    public async Task An_on_any_step_that_fails_on_a_host_of_the_batch_runs_that_hosts_on_failure()
    {
        var runbook = Runbook.Replace(
            "      - { name: Two, run: step-two }",
            "      - { name: Two, run: step-two, on: any(role=node) }",
            StringComparison.Ordinal
        );
        var transport = new FakeTransport().On(null, "step-two", new FakeReply(1));

        var run = await ExecutorHarness.RunAsync(runbook, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(["node-1"], transport.Ran("undo-it").Select(e => e.Host));
    }
}
