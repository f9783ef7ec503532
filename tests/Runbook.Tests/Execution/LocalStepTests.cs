using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// 'on: local' steps run through the transport's controller connection (in process here), for each host of the batch,
/// in that host's order of steps, with its captures.
/// </summary>
public class LocalStepTests
{
    private const string SignThenInstall = """
        runbook: sign
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: Request, run: make-csr, capture: csr }
              - name: Sign
                run: "sign {{ captures.csr }} for {{ host.name }}"
                on: local
                env: { MEMBER: "{{ host.name }}" }
                timeout: 30s
                capture: cert
              - { name: Install, run: "install {{ captures.cert }}" }
        """;

    [Fact]
    public async Task A_local_step_runs_on_the_controller_for_each_host_between_its_remote_steps()
    {
        var transport = new FakeTransport()
            .On("node-1", "make-csr", new FakeReply(Stdout: "csr-1\n"))
            .On("node-2", "make-csr", new FakeReply(Stdout: "csr-2\n"))
            .On("local:node-1", "sign", new FakeReply(Stdout: "cert-1\n"))
            .On("local:node-2", "sign", new FakeReply(Stdout: "cert-2\n"));

        var run = await ExecutorHarness.RunAsync(SignThenInstall, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var signs = transport.Ran("sign ").OrderBy(e => e.Host).ToList();
        Assert.All(signs, e => Assert.True(e.Local));
        Assert.Equal(["sign csr-1 for node-1", "sign csr-2 for node-2"], signs.Select(e => e.Command.Script));
        // The run's directory comes first (where fetched files are and an upload 'from: run' reads), then the step's
        // env.
        Assert.Equal("RUNBOOK_RUN_DIR", signs[0].Command.Env[0].Key);
        Assert.Equal([new KeyValuePair<string, string>("MEMBER", "node-1")], signs[0].Command.Env.Skip(1));
        Assert.Equal(TimeSpan.FromSeconds(30), signs[0].Command.Timeout);
        Assert.False(signs[0].Command.Become);
        Assert.All(transport.Ran("make-csr").Concat(transport.Ran("install ")), e => Assert.False(e.Local));
        Assert.Equal(
            "install cert-1",
            Assert.Single(transport.Ran("install "), e => e.Host == "node-1").Command.Script
        );
        // Ordered per host: request before signing before installing.
        var one = transport.Executions.Where(e => e.Host == "node-1").OrderBy(e => e.Started).ToList();
        Assert.Equal(["make-csr", "sign", "install"], one.Select(e => e.Command.Script.Split(' ')[0]));
        // Events name the batch host the local step ran for.
        Assert.Equal(
            ["node-1", "node-2"],
            run.Events.OfType<StepFinished>().Where(e => e.Name == "Sign").Select(e => e.Host).Order()
        );
    }

    [Fact]
    public async Task A_failed_local_step_fails_its_host_and_opens_no_ssh_connection_for_it()
    {
        const string yaml = """
            runbook: local-only
            phases:
              - name: nodes
                hosts: role=node
                max_failures: 1
                steps:
                  - { name: Render, run: "render {{ host.name }}", on: local }
                  - { name: Push, run: push }
            """;
        var transport = new FakeTransport().On("local:node-2", "render", new FakeReply(Exit: 2));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(StepStatus.Failed, run.StatusOf("node-2", "Render"));
        Assert.Equal("node-1", Assert.Single(transport.Ran("push")).Host);
        Assert.False(transport.Connects.ContainsKey("node-2"));
        Assert.Equal(["node-1", "node-2"], transport.LocalConnects.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_local_step_with_retries_retries_on_the_controller()
    {
        const string yaml = """
            runbook: local-retry
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - { name: Fetch token, run: get-token, on: local, retries: { count: 2, delay: 1ms } }
            """;
        var transport = new FakeTransport().On("local:node-1", "get-token", n => new FakeReply(Exit: n == 1 ? 1 : 0));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, transport.Ran("get-token").Count(e => e.Local));
    }
}
