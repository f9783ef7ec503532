using Runbook.Errors;
using Runbook.Graph;
using Runbook.Planning;
using Runbook.Templating;
using Runbook.Transport;

namespace Runbook.Tests.Inventories;

/// <summary>
/// ansible_become and ansible_become_user of an Ansible inventory applied to steps: every step that says nothing about
/// become escalates on a host that sets ansible_become, as the host's ansible_become_user; a step's own 'become'
/// wins; the plan shows who each step runs as on each host; another become method is refused where it is used.
/// </summary>
public sealed class AnsibleBecomeTests : IDisposable
{
    private const string Runbook = """
        runbook: become
        phases:
          - name: all
            hosts: role=fleet
            steps:
              - { name: plain, run: "id -un" }
              - { name: never, become: false, run: "id -un" }
              - { name: always, become: true, run: "id -un" }
            gates:
              - { name: up, on: all(role=fleet), verify: { run: "true", within: 10s } }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-become-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_host_with_ansible_become_runs_its_steps_through_sudo_as_its_become_user()
    {
        var plan = Compile(
            "[fleet]\n"
                + "pg ansible_become=yes ansible_become_user=postgres\n"
                + "rooted ansible_become=True\n"
                + "plain\n"
                + "userless ansible_become_user=www-data\n"
        );

        Assert.Equal((true, "postgres", InventoryBecome.Applied), Step(plan, "pg", "plain"));
        Assert.Equal((false, null, InventoryBecome.Overridden), Step(plan, "pg", "never"));
        Assert.Equal((true, "postgres", InventoryBecome.None), Step(plan, "pg", "always"));
        Assert.Equal((true, null, InventoryBecome.Applied), Step(plan, "rooted", "plain"));
        Assert.Equal((false, null, InventoryBecome.None), Step(plan, "plain", "plain"));
        Assert.Equal((true, null, InventoryBecome.None), Step(plan, "plain", "always"));
        Assert.Equal((false, null, InventoryBecome.None), Step(plan, "userless", "plain"));
        Assert.Equal((true, "www-data", InventoryBecome.None), Step(plan, "userless", "always"));
        Assert.Equal("postgres", plan.Endpoints["pg"].BecomeUser);
        Assert.Null(plan.Endpoints["rooted"].BecomeUser);
        Assert.False(plan.Phases[0].Batches[0].Gates[0].Become);
    }

    [Fact]
    public void The_plan_shows_per_host_who_a_step_runs_as()
    {
        var plan = Compile("[fleet]\npg ansible_become=1 ansible_become_user=postgres\nplain\n");

        var text = PlanRenderer.Render(plan, PlanFormat.Text);
        var json = PlanRenderer.Render(plan, PlanFormat.Json);
        var markdown = PlanRenderer.Render(plan, PlanFormat.Markdown);

        Assert.Contains("sudo -u postgres (ansible_become)", text, StringComparison.Ordinal);
        Assert.Contains("login user (become: false over ansible_become)", text, StringComparison.Ordinal);
        Assert.Contains("sudo -u postgres (ansible_become)", markdown, StringComparison.Ordinal);
        Assert.Contains("\"become_user\": \"postgres\"", json, StringComparison.Ordinal);
        Assert.Contains("\"become_from\": \"ansible_become\"", json, StringComparison.Ordinal);
        Assert.Contains("\"become_from\": \"become: false\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inventory_without_become_vars_plans_as_before()
    {
        var plan = Compile("[fleet]\nplain\n");

        var json = PlanRenderer.Render(plan, PlanFormat.Json);

        Assert.DoesNotContain("become_user", json, StringComparison.Ordinal);
        Assert.DoesNotContain("become_from", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ansible_become", PlanRenderer.Render(plan, PlanFormat.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_become_method_is_refused_where_the_plan_uses_become()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Compile("[fleet]\nsu-host ansible_become=yes ansible_become_method=su\n")
        );

        var diagnostic = Assert.Single(error.Diagnostics, d => d.Code == "RB0143");
        Assert.Equal(
            "step 'plain' (through the host's ansible_become) uses become on host 'su-host', whose "
                + "ansible_become_method is 'su': Runbook becomes another user with sudo only",
            diagnostic.Message
        );
    }

    [Fact]
    public void Another_become_method_on_a_host_that_never_becomes_is_kept_as_a_var()
    {
        File.WriteAllText(
            Path.Combine(_dir, "runbook.yaml"),
            "runbook: plain\nphases:\n  - name: all\n    hosts: role=fleet\n    steps:\n"
                + "      - { name: plain, run: \"id -un\" }\n"
        );
        var inventory = Path.Combine(_dir, "hosts.ini");
        File.WriteAllText(inventory, "[fleet]\nsu-host ansible_become_method=su\n");

        var plan = RunbookEngine.Compile(Path.Combine(_dir, "runbook.yaml"), [inventory]);

        Assert.False(plan.Phases[0].Batches[0].Segments.SelectMany(s => s.Steps).Single().Become);
    }

    [Theory]
    [InlineData("maybe", "'maybe'")]
    [InlineData("2", "2")]
    public void A_become_that_is_no_boolean_is_an_error(string value, string shown)
    {
        var error = Assert.Throws<InvalidInputException>(() => Compile($"[fleet]\nh ansible_become={value}\n"));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.Code == "RB0144");
        Assert.Equal($"ansible_become of host 'h' is {shown}, which is neither true nor false", diagnostic.Message);
    }

    [Theory]
    [InlineData(null, "exec sudo -n sh -c")]
    [InlineData("root", "exec sudo -n sh -c")]
    [InlineData("postgres", "exec sudo -n -u postgres sh -c")]
    [InlineData("o'brien", "exec sudo -n -u QUOTED sh -c")]
    public void The_transport_runs_sudo_as_the_become_user(string? user, string expected)
    {
        var command = new RemoteCommand("id -un", true, null, []);
        expected = expected.Replace("QUOTED", ShellQuote.Quote(user ?? string.Empty), StringComparison.Ordinal);

        Assert.Contains(expected, RemoteCommandBuilder.Build(command, becomeUser: user), StringComparison.Ordinal);
        var kill = RemoteCommandBuilder.KillCommand(42, become: true);
        Assert.Contains(expected, RemoteCommandBuilder.Build(kill, becomeUser: user), StringComparison.Ordinal);
    }

    private ExecutionGraph Compile(string ini)
    {
        var runbook = Path.Combine(_dir, "runbook.yaml");
        File.WriteAllText(runbook, Runbook);
        var inventory = Path.Combine(_dir, "hosts.ini");
        File.WriteAllText(inventory, ini);
        return RunbookEngine.Compile(runbook, [inventory]);
    }

    private static (bool, string?, InventoryBecome) Step(ExecutionGraph plan, string host, string name)
    {
        var step = plan
            .Phases.SelectMany(p => p.Batches)
            .SelectMany(b => b.Segments)
            .SelectMany(s => s.Steps)
            .Single(s => s.Host == host && s.Name == name);
        return (step.Become, step.BecomeUser, step.InventoryBecome);
    }
}
