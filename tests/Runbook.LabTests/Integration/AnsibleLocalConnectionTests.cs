using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// A host an Ansible inventory reaches with ansible_connection=local runs its steps and gates on the controller, in a
/// real local shell, with no SSH: nothing listens for these hosts, so a run that tried SSH would end unreachable.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AnsibleLocalConnectionTests(LabFixture lab)
{
    [Fact]
    public async Task Steps_gates_and_the_preflight_of_a_local_connection_host_run_on_the_controller()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: local-connection
            params:
              out: { type: string }
            phases:
              - name: controller
                hosts: role=controllers
                steps:
                  - name: write
                    requires: [sh]
                    run: >-
                      printf '%s %s' {{ host.name }} "${RUNBOOK_LAB_HOST:-controller}"
                      > {{ params.out }}/{{ host.name }}
                gates:
                  - name: written
                    on: all(role=controllers)
                    verify: { run: "test -s {{ params.out }}/{{ host.name }}", within: 10s }
            """
        );
        var inventory = Path.Combine(run.Root, "hosts.ini");
        // Addresses nobody listens on: the port is closed on purpose, so only the local connection can succeed.
        File.WriteAllText(
            inventory,
            "[controllers]\nctl-a ansible_connection=local ansible_host=127.0.0.1 ansible_port=1\n"
                + "ctl-b ansible_connection=local\n"
        );
        var controller = Directory.CreateDirectory(Path.Combine(run.Root, "controller")).FullName;

        var result = await run.RunOnAsync(inventory, "--param", $"out={controller}");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("ctl-a controller", File.ReadAllText(Path.Combine(controller, "ctl-a")));
        Assert.Equal("ctl-b controller", File.ReadAllText(Path.Combine(controller, "ctl-b")));
        Assert.Contains("\"event\":\"gate-finished\"", run.Events, StringComparison.Ordinal);
    }
}
