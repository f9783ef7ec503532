using System.Text.Json;
using Runbook.Tests.Support;

namespace Runbook.Tests.Fleet;

/// <summary>runbook inventory: what Runbook sees, secrets masked, modes exclusive, bad input exit 2.</summary>
public sealed class InventoryCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-inventory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Ini(string text)
    {
        var path = Path.Combine(_dir, "hosts");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_host_shows_roles_vars_and_its_endpoint_with_secrets_masked()
    {
        var path = Ini(
            "[web]\nweb1 ansible_host=10.0.0.5 ansible_port=2200 ansible_user=deploy ansible_password=hunter2 "
                + "api_token=abc123 zone=b ansible_become_password=s3cret\n"
        );
        var text = await CliRunner.RunAsync("inventory", "-i", path, "--host", "web1", "--ssh-config", "none");
        var json = await CliRunner.RunAsync(
            "inventory",
            "-i",
            path,
            "--host",
            "web1",
            "--ssh-config",
            "none",
            "--format",
            "json"
        );

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("  roles: web\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("    zone: b\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("    api_token: ***\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("  address: 10.0.0.5\n  port: 2200\n  user: deploy\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("  host key policy: strict\n", text.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { text.Stdout, json.Stdout })
        {
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
            Assert.DoesNotContain("abc123", output, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
        }

        var ssh = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("ssh");
        Assert.Equal("10.0.0.5", ssh.GetProperty("address").GetString());
        Assert.Equal(2200, ssh.GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task The_list_has_every_host_and_the_graph_every_group()
    {
        var path = Ini("[web]\nweb[1:2]\n[db]\ndb1\n[app:children]\nweb\n");
        var list = await CliRunner.RunAsync("inventory", "-i", path, "--ssh-config", "none");
        var graph = await CliRunner.RunAsync("inventory", "-i", path, "--graph");

        Assert.StartsWith("inventory hosts (3 hosts)\n\nweb1\n", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            // As ansible-inventory --graph draws it: web is a child of app, so all lists it only there.
            "@all:\n  |--@ungrouped:\n  |--@db:\n  |  |--db1\n  |--@app:\n  |  |--@web:\n  |  |  |--web1\n"
                + "  |  |  |--web2\n",
            graph.Stdout
        );
    }

    [Fact]
    public async Task An_unknown_host_or_two_modes_at_once_is_exit_2()
    {
        var path = Ini("[web]\nweb1\n");
        var unknown = await CliRunner.RunAsync("inventory", "-i", path, "--host", "db9", "--ssh-config", "none");
        var both = await CliRunner.RunAsync("inventory", "-i", path, "--graph", "--list");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--host db9: no such host in inventory 'hosts'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--list, --graph and --host go one at a time", both.Stderr, StringComparison.Ordinal);
    }
}
