using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// on_failure, finally and preconditions end to end over real SSH: marker files the steps write in each lab host's home
/// show what ran where.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CleanupOnLabTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    [Fact]
    public async Task On_failure_runs_only_on_the_failed_host_and_finally_on_every_host_that_started()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: cleanup
            phases:
              - name: first
                hosts: role in (etcd, control-plane, worker)
                max_failures: 1
                steps:
                  - { name: begin, run: "echo begun > ~/TAG-begin" }
                  - { name: fails on cp-1, run: "test \"$RUNBOOK_LAB_HOST\" != cp-1" }
                  - { name: after, run: "echo after > ~/TAG-after" }
                on_failure:
                  - { name: undo, run: "echo undone > ~/TAG-undo" }
                finally:
                  - { name: tidy, run: "echo tidy > ~/TAG-tidy" }
              - name: second
                hosts: role in (etcd, control-plane, worker)
                steps:
                  - { name: more, run: "echo more > ~/TAG-more" }
                finally:
                  - { name: tidy again, run: "echo tidy > ~/TAG-tidy2" }
            """
        );

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr); // the step's failure, not the clean-up's
        Assert.Equal("undone\n", run.HostFile("cp-1", "undo"));
        Assert.All(Hosts.Where(h => h != "cp-1"), h => Assert.Null(run.HostFile(h, "undo")));
        Assert.All(Hosts, h => Assert.Equal("tidy\n", run.HostFile(h, "tidy")));
        Assert.Null(run.HostFile("cp-1", "after"));
        // cp-1 failed in the first phase, so it never started the second one: no finally there.
        Assert.Null(run.HostFile("cp-1", "more"));
        Assert.Null(run.HostFile("cp-1", "tidy2"));
        Assert.All(Hosts.Where(h => h != "cp-1"), h => Assert.Equal("tidy\n", run.HostFile(h, "tidy2")));
        Assert.Contains(
            run.Events.Split('\n'),
            l =>
                l.Contains("\"event\":\"step-finished\"", StringComparison.Ordinal)
                && l.Contains(
                    "\"host\":\"cp-1\",\"step\":\"p1.b1.cp-1.onfail1\",\"list\":\"on_failure\"",
                    StringComparison.Ordinal
                )
                && l.Contains("\"status\":\"ok\"", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_precondition_that_does_not_pass_runs_nothing_and_exits_4()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: guarded
            phases:
              - name: guarded
                hosts: role in (etcd, control-plane, worker)
                preconditions:
                  - name: marker present
                    on: all(role in (etcd, control-plane, worker))
                    verify: { run: "test -e ~/TAG-absent", every: 100ms, within: 500ms }
                steps:
                  - { name: work, run: "echo worked > ~/TAG-work" }
                on_failure:
                  - { name: undo, run: "echo undone > ~/TAG-undo" }
                finally:
                  - { name: tidy, run: "echo tidy > ~/TAG-tidy" }
            """
        );

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 4, result.Stdout + result.Stderr);
        Assert.All(
            Hosts,
            h =>
            {
                Assert.Null(run.HostFile(h, "work"));
                Assert.Null(run.HostFile(h, "undo"));
                Assert.Null(run.HostFile(h, "tidy"));
            }
        );
        Assert.DoesNotContain("\"event\":\"step-started\"", run.Events, StringComparison.Ordinal);
        Assert.Contains(
            "\"event\":\"gate-finished\",\"phase\":1,\"batch\":\"p1.b1\","
                + "\"step\":\"p1.b1.pre1\",\"list\":\"preconditions\"",
            run.Events,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_resumed_run_starts_the_phase_again_from_its_first_step_on_the_host_that_failed()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: restart
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                preconditions:
                  - name: checked
                    on: any(role=etcd)
                    verify: { run: "echo checked >> ~/TAG-checked", every: 100ms, within: 5s }
                steps:
                  - { name: one, run: "echo one >> ~/TAG-one" }
                  - { name: two, run: "test \"$RUNBOOK_LAB_HOST\" != cp-1 || test -e ~/TAG-fixed" }
                  - { name: three, run: "echo three >> ~/TAG-three" }
                on_failure:
                  - { name: undo, run: "echo undo >> ~/TAG-undo" }
            """
        );
        var failed = await run.RunAsync();
        Assert.True(failed.ExitCode == 1, failed.Stdout + failed.Stderr);
        Assert.Equal("undo\n", run.HostFile("cp-1", "undo"));
        Assert.Null(run.HostFile("cp-1", "three"));
        var home = lab.State.Hosts.Single(h => h.Name == "cp-1").Home;
        File.WriteAllText(Path.Combine(home, $"{run.Tag}-fixed"), "fixed\n");

        var resumed = await run.RunAsync("--resume", "last");

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal("one\none\n", run.HostFile("cp-1", "one")); // from its first step again
        Assert.Equal("three\n", run.HostFile("cp-1", "three"));
        Assert.Equal("undo\n", run.HostFile("cp-1", "undo"));
        Assert.All(Hosts.Where(h => h != "cp-1"), h => Assert.Equal("one\n", run.HostFile(h, "one")));
        Assert.Equal("checked\nchecked\n", run.HostFile("etcd-1", "checked")); // preconditions checked again
    }
}
