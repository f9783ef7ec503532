using System.Diagnostics;
using System.Text.Json;
using Runbook.Tests.Support;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// <c>runbook inventory</c> against the tools operators already trust: <c>--graph</c> draws what
/// <c>ansible-inventory --graph</c> draws, and <c>--host</c> shows the SSH endpoint <c>ssh -G</c> resolves for a host
/// the inventory names by its ssh_config alias only. Starts ansible-inventory and ssh (installed by tests/run).
/// </summary>
public class InventoryCommandOracleTests
{
    public static TheoryData<string> Cases =>
        ["group-vars-files", "ini-children", "yaml-children", "multiple-sources", "directory-inventory", "ini-ranges"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_graph_is_what_ansible_inventory_draws(string name)
    {
        Assert.True(AnsibleOracle.IsInstalled, "ansible-inventory is not installed: tests/run installs ansible-core");
        var sources = AnsibleCorpus.Sources(name);
        var ours = await CliRunner.RunAsync(["inventory", .. sources.SelectMany(s => new[] { "-i", s }), "--graph"]);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(AnsibleOracle.Graph(sources), ours.Stdout);
    }

    [Fact]
    public async Task The_endpoint_of_a_host_listed_by_its_ssh_config_alias_is_what_ssh_G_resolves()
    {
        var dir = Directory.CreateTempSubdirectory("runbook-inventory-host-").FullName;
        try
        {
            var config = Path.Combine(dir, "ssh_config");
            File.WriteAllText(
                config,
                $"""
                Host web*
                  HostName %h.internal
                  User deploy
                  IdentityFile ~/.ssh/deploy_key
                Host web1
                  Port 2222
                  IdentitiesOnly yes
                  ProxyJump jumper@bastion.example:2200
                  UserKnownHostsFile {dir}/known_hosts
                  StrictHostKeyChecking accept-new
                Host *
                  User nobody-else
                """
            );
            var inventory = Path.Combine(dir, "inventory.yaml");
            File.WriteAllText(inventory, "inventory: aliases\nhosts:\n  web1: { roles: [web] }\n");

            var ours = await CliRunner.RunAsync(
                "inventory",
                "-i",
                inventory,
                "--host",
                "web1",
                "--ssh-config",
                config,
                "--format",
                "json"
            );
            Assert.True(ours.ExitCode == 0, ours.Stderr);
            var ssh = JsonDocument.Parse(ours.Stdout).RootElement.GetProperty("ssh");
            var oracle = SshG(config, "web1");

            Assert.Equal(oracle["hostname"], ssh.GetProperty("address").GetString());
            Assert.Equal(
                oracle["port"],
                ssh.GetProperty("port").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            Assert.Equal(oracle["user"], ssh.GetProperty("user").GetString());
            Assert.Equal(oracle["identitiesonly"], ssh.GetProperty("identities_only").GetBoolean() ? "yes" : "no");
            Assert.Equal(oracle["proxyjump"], Assert.Single(ssh.GetProperty("jump").EnumerateArray()).GetString());
            // ssh -G spells accept-new as Runbook's --host-key-policy does.
            Assert.Equal(oracle["stricthostkeychecking"], ssh.GetProperty("host_key_policy").GetString());
            Assert.Equal(oracle["userknownhostsfile"], ssh.GetProperty("known_hosts")[0].GetString());
            var identity = Assert.Single(ssh.GetProperty("identity_files").EnumerateArray()).GetString()!;
            Assert.EndsWith(oracle["identityfile"].TrimStart('~'), identity, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The first value of each keyword <c>ssh -G -F CONFIG HOST</c> prints.</summary>
    private static Dictionary<string, string> SshG(string config, string host)
    {
        var start = new ProcessStartInfo("ssh", ["-G", "-F", config, host])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var ssh = Process.Start(start)!;
        var output = ssh.StandardOutput.ReadToEnd();
        ssh.WaitForExit();
        Assert.True(ssh.ExitCode == 0, ssh.StandardError.ReadToEnd());
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2)
                values.TryAdd(parts[0], parts[1]);
        }

        return values;
    }
}
