using Runbook.Errors;

namespace Runbook.Tests.Inventories;

/// <summary>
/// ansible_connection when compiling: 'local' hosts get a local endpoint, sudo there is refused (RB0142), and a
/// connection Runbook cannot use is an error for a host the plan uses (RB0141) and nothing for one it does not.
/// </summary>
public sealed class AnsibleConnectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-connection-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_local_host_gets_a_local_endpoint_and_an_unused_docker_host_is_no_error()
    {
        var graph = Compile("hosts: role=ctl\n    steps:\n      - { name: s, run: 'true' }\n");

        Assert.True(graph.Endpoints["here"].Local);
        Assert.False(graph.Endpoints["web"].Local);
    }

    [Fact]
    public void Become_on_a_local_host_and_a_docker_host_in_the_plan_are_errors_at_their_places()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Compile(
                "hosts: all\n    steps:\n      - { name: root, run: id, become: true }\n"
                    + "    gates:\n      - { name: g, on: any(role=ctl), become: true, verify: { run: 'true' } }\n"
            )
        );

        Assert.Equal(
            [
                "RB0141 hosts.ini:4: host 'box' is reached with ansible_connection=docker, which Runbook cannot use",
                "RB0142 runbook.yaml:6: step 'root' uses become on host 'here', which the inventory reaches with "
                    + "ansible_connection=local (the controller)",
                "RB0142 runbook.yaml:8: gate 'g' uses become on host 'here', which the inventory reaches with "
                    + "ansible_connection=local (the controller)",
            ],
            error.Diagnostics.Select(d =>
                $"{d.Code} {Path.GetFileName(d.Span.File)}:{d.Span.Line}: {d.Message}"
            )
        );
    }

    private Graph.ExecutionGraph Compile(string phase)
    {
        var inventory = Path.Combine(_dir, "hosts.ini");
        File.WriteAllText(
            inventory,
            "[ctl]\nhere ansible_connection=local\n[boxes]\nbox ansible_connection=docker\n"
                + "web ansible_host=10.0.0.5 ansible_connection=ssh\n"
        );
        var runbook = Path.Combine(_dir, "runbook.yaml");
        File.WriteAllText(runbook, "runbook: conn\nphases:\n  - name: p\n    " + phase);
        return RunbookEngine.Compile(runbook, inventory);
    }
}
