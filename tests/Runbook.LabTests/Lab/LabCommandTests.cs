using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Lab;

/// <summary><c>runbook lab up|down</c> in-process: starts and stops exactly its own sshds (the fixture's keep running).</summary>
[Collection(LabCollection.Name)]
public sealed class LabCommandTests(LabFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-lab-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Lab_up_takes_i_several_times_and_merges_the_inventories_as_plan_does()
    {
        var port = LabFixture.FreePort(11, 2).ToString(CultureInfo.InvariantCulture);
        var (web, db) = (Path.Combine(_dir, "web.ini"), Path.Combine(_dir, "db.ini"));
        File.WriteAllText(web, "[web]\nweb-a\n");
        File.WriteAllText(db, "[db]\ndb-b\n\n[web]\ndb-b\n");
        var lab = Path.Combine(_dir, "lab");

        var up = await CliRunner.RunAsync("lab", "up", "-i", web, "-i", db, "--dir", lab, "--port", port);

        try
        {
            Assert.True(up.ExitCode == 0, up.Stdout + up.Stderr);
            var state = LabState.Load(lab)!;
            Assert.Equal(["web-a", "db-b"], state.Hosts.Select(h => h.Name));
            var bag = new DiagnosticBag();
            var inventory = InventoryLoader.Load(state.Inventory, bag);
            Assert.False(bag.HasErrors, string.Join("\n", bag.ToSortedList()));
            Assert.Equal(["db", "web"], inventory!.Find("db-b")!.Roles.Order(StringComparer.Ordinal));
        }
        finally
        {
            var down = await CliRunner.RunAsync("lab", "down", "--dir", lab);
            Assert.True(down.ExitCode == 0, down.Stdout + down.Stderr);
        }
    }

    [Fact]
    public async Task Lab_up_starts_one_sshd_per_host_and_lab_down_stops_exactly_those()
    {
        var port = LabFixture.FreePort(11, 2).ToString(CultureInfo.InvariantCulture);

        var up = await CliRunner.RunAsync(
            "lab",
            "up",
            "-i",
            "tests/Runbook.LabTests/Lab/Cases/lab-small.yaml",
            "--dir",
            _dir,
            "--port",
            port
        );

        Assert.True(up.ExitCode == 0, up.Stderr);
        var state = LabState.Load(_dir)!;
        Assert.Equal(["node-a", "node-b"], state.Hosts.Select(h => h.Name));
        Assert.Equal(["127.0.0.11", "127.0.0.12"], state.Hosts.Select(h => h.Address));
        Assert.All(
            state.Hosts,
            h => Assert.True(LabProcesses.IsOurSshd(h.Pid, h.Config), $"pid {h.Pid} is not our sshd")
        );
        Assert.Contains(
            $"  node-a           127.0.0.11:{port}  pid {state.Hosts[0].Pid}\n",
            up.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains($"inventory:   {_dir}/inventory.yaml\n", up.Stdout, StringComparison.Ordinal);
        Assert.Contains($"next: runbook plan RUNBOOK -i {_dir}/inventory.yaml\n", up.Stdout, StringComparison.Ordinal);

        var bag = new DiagnosticBag();
        var inventory = InventoryLoader.Load(state.Inventory, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.ToSortedList()));
        Assert.Equal("node-a", inventory!.Find("node-b")!.Jump);
        Assert.Equal(["worker"], inventory.Find("node-b")!.Roles);
        Assert.Equal(state.KnownHosts, inventory.KnownHostsFile);
        Assert.Equal(state.ClientKey, inventory.Find("node-a")!.IdentityFile);

        var again = await CliRunner.RunAsync(
            "lab",
            "up",
            "-i",
            "tests/Runbook.LabTests/Lab/Cases/lab-small.yaml",
            "--dir",
            _dir,
            "--port",
            port
        );
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("a lab is already up in", again.Stderr, StringComparison.Ordinal);

        var down = await CliRunner.RunAsync("lab", "down", "--dir", _dir);

        Assert.Equal(0, down.ExitCode);
        Assert.Contains("lab down: 2 hosts stopped", down.Stdout, StringComparison.Ordinal);
        Assert.All(state.Hosts, h => Assert.False(LabProcesses.IsAlive(h.Pid), $"pid {h.Pid} still runs"));
        Assert.All(
            fixture.State.Hosts,
            h => Assert.True(LabProcesses.IsOurSshd(h.Pid, h.Config), $"the fixture's sshd {h.Name} was stopped")
        );
        Assert.Null(LabState.Load(_dir));
        Assert.False(File.Exists(state.Inventory));
    }

    [Fact]
    public async Task Lab_down_without_a_lab_says_so()
    {
        var down = await CliRunner.RunAsync("lab", "down", "--dir", _dir);

        Assert.Equal(0, down.ExitCode);
        Assert.Equal($"lab down: no running lab in {_dir}\n", down.Stdout);
    }
}
