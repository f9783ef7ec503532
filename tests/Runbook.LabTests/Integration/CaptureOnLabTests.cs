using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>`capture:` end to end over real SSH: a value one step prints on a host reaches a later step on that host.</summary>
[Collection(LabCollection.Name)]
public sealed class CaptureOnLabTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    [Fact]
    public async Task A_later_phase_writes_each_hosts_own_captured_output_verbatim_quoted_against_the_shell()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: capture
            phases:
              - name: read
                hosts: role in (etcd, control-plane, worker)
                steps:
                  - { name: who, run: "echo \"  $RUNBOOK_LAB_HOST  it's \\$HOME;\"", capture: who }
              - name: write
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: write, run: "printf '%s' {{ captures.who }} > ~/TAG-who" }
            """
        );

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.All(Hosts, h => Assert.Equal($"{h}  it's $HOME;", run.HostFile(h, "who")));
        Assert.Contains(
            "\"capture\":\"who\",\"captured\":\"etcd-1  it's $HOME;\"",
            run.Journal,
            StringComparison.Ordinal
        );
    }
}
