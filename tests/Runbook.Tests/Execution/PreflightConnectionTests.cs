using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>
/// The preflight's connections are the ones the steps use: with more hosts than forks, every host still connects once
/// per run (before, hosts past --forks connected for the preflight and again for their steps), and a host's pinned
/// connection goes back under the pool's capacity once the plan needs it no more.
/// </summary>
public sealed class PreflightConnectionTests
{
    [Fact]
    public async Task With_more_hosts_than_forks_each_host_connects_once_for_the_preflight_and_all_its_steps()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) };

        var run = await ExecutorHarness.RunAsync(
            ExecutorHarness.TwoPhases,
            ExecutorHarness.Hosts(24),
            transport,
            forks: 3,
            preflight: true
        );

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(24, transport.Connects.Count);
        Assert.All(transport.Connects, c => Assert.True(c.Value == 1, $"{c.Key} connected {c.Value} times"));
        Assert.Equal(3, transport.MaxConcurrent);
        Assert.All(transport.Connections, c => Assert.True(c.Disposed, $"the connection to {c.Host} was left open"));
    }

    /// <summary>
    /// Past the pin limit the preflight's connections are closed like any idle one, so a huge fleet does not hold a
    /// thread per host: open connections never pass forks + the limit, and only hosts past the limit connect again
    /// (for each of the two phases, as the pool does without a preflight).
    /// </summary>
    [Fact]
    public async Task Past_the_pin_limit_preflight_connections_are_closed_and_those_hosts_connect_again()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) };
        var open = new List<int>();
        transport.OnStart = (_, _) =>
        {
            lock (open)
                open.Add(transport.Connections.Count(c => !c.Disposed));
        };

        var run = await ExecutorHarness.RunAsync(
            ExecutorHarness.TwoPhases,
            ExecutorHarness.Hosts(24),
            transport,
            forks: 3,
            preflight: true,
            pinLimit: 10
        );

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(24, transport.Connects.Count);
        Assert.InRange(transport.Connects.Count(c => c.Value == 1), 10, 23);
        Assert.All(transport.Connects, c => Assert.InRange(c.Value, 1, 3));
        Assert.InRange(open.Max(), 1, 3 + 10 + 1);
    }

    [Fact]
    public async Task Once_its_last_batch_is_done_a_hosts_preflight_connection_is_closed_past_the_forks()
    {
        const string yaml = """
            runbook: two-roles
            phases:
              - name: first
                hosts: role=a
                steps:
                  - { name: One, run: step-one }
              - name: second
                hosts: role=b
                steps:
                  - { name: Two, run: step-two }
            """;
        var inventory = TestInputs.Inventory([
            .. Enumerable.Range(1, 10).Select(i => ($"a-{i}", "a")),
            .. Enumerable.Range(1, 10).Select(i => ($"b-{i}", "b")),
        ]);
        var openAOnSecondPhase = new List<int>();
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) };
        transport.OnStart = (_, script) =>
        {
            if (script != "step-two")
                return;
            var open = transport.Connections.Count(c =>
                c.Host.StartsWith("a-", StringComparison.Ordinal) && !c.Disposed
            );
            lock (openAOnSecondPhase)
                openAOnSecondPhase.Add(open);
        };

        var run = await ExecutorHarness.RunAsync(yaml, inventory, transport, forks: 2, preflight: true);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.All(transport.Connects, c => Assert.Equal(1, c.Value));
        Assert.Equal(10, openAOnSecondPhase.Count);
        Assert.All(openAOnSecondPhase, open => Assert.InRange(open, 0, 2));
    }
}
