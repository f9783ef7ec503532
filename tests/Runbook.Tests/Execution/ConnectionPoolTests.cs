using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// Open connections are bounded by forks, not by hosts (SSH.NET spends a thread on every open connection), while a
/// host keeps its connection for all the steps it runs in a batch.
/// </summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task A_run_over_many_more_hosts_than_forks_keeps_about_forks_connections_open()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(2) };

        var hosts = ExecutorHarness.Hosts(60);
        var run = await ExecutorHarness.RunAsync(ExecutorHarness.TwoPhases, hosts, transport, forks: 4);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(180, transport.Executions.Count);
        Assert.InRange(transport.MaxOpen, 4, 8);
        Assert.All(transport.Connections, c => Assert.True(c.Disposed, $"the connection to {c.Host} was left open"));
    }

    [Fact]
    public async Task A_host_keeps_one_connection_for_its_steps_in_a_batch_even_when_the_pool_is_full()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(2) };

        var hosts = ExecutorHarness.Hosts(60);
        await ExecutorHarness.RunAsync(ExecutorHarness.TwoPhases, hosts, transport, forks: 4);

        // At most one connect per phase, and steps One and Two of a host ran on the same connection.
        Assert.All(transport.Connects, c => Assert.InRange(c.Value, 1, 2));
        Assert.All(
            transport.Executions.Where(e => e.Command.Script != "step-three").GroupBy(e => e.Host),
            host => Assert.Single(host.Select(e => e.Connection).Distinct())
        );
    }

    [Fact]
    public async Task A_gate_on_all_hosts_checks_every_candidate_but_no_more_at_once_than_forks()
    {
        const string yaml = """
            runbook: all-gate
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Work, run: do-work }
                gates:
                  - name: every node healthy
                    on: all(role=node)
                    verify: { run: health-check, expect: { stdout: ok }, every: 1ms, within: 30s }
            """;
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(5) }.On(
            null,
            "health-check",
            attempt => new FakeReply(0, attempt >= 2 ? "ok" : "starting")
        );

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(30), transport, forks: 4);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(60, transport.Ran("health-check").Count());
        Assert.Equal(4, transport.MaxConcurrent);
        Assert.InRange(transport.MaxOpen, 4, 8);
    }

    [Fact]
    public async Task With_forks_at_least_the_host_count_every_host_connects_once_for_the_whole_run()
    {
        var transport = new FakeTransport();

        await ExecutorHarness.RunAsync(ExecutorHarness.TwoPhases, ExecutorHarness.Hosts(6), transport, forks: 6);

        Assert.All(transport.Connects, c => Assert.Equal(1, c.Value));
    }
}
