using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// 'requires' of an 'on: local' step is looked for on the controller, where the step runs, not on the host it runs
/// for: before, the preflight asked the host and said nothing about the controller.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LocalRequiresTests(LabFixture lab)
{
    [Fact]
    public async Task A_command_a_local_step_needs_is_looked_for_on_the_controller_and_nothing_runs_without_it()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: local-requires
            phases:
              - name: sign
                hosts: name=etcd-1
                steps:
                  - name: on the host
                    run: echo TAG > ~/TAG-ran
                  - name: sign on the controller
                    on: local
                    requires: [runbook-no-such-command-TAG]
                    run: "true"
            """
        );

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        Assert.Contains(
            $"on the controller ('on: local' steps): missing command: runbook-no-such-command-{run.Tag}",
            result.Stdout + result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Null(run.HostFile("etcd-1", "ran"));
    }
}
