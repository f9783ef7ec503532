using System.Globalization;
using System.Text;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Lab;

/// <summary>
/// A lab past the 244 hosts 127.0.0.x has room for: 260 real sshds, the first 244 at 127.0.0.11-254 as always, the
/// rest from 127.0.2.1 on; a one-step runbook runs on every one of them through the CLI, and lab down stops them all.
/// </summary>
public sealed class WideLabTests : IDisposable
{
    private const int HostCount = 260;

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-wide-lab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_lab_of_260_hosts_crosses_127_0_0_x_and_a_run_reaches_every_host()
    {
        var source = Path.Combine(_dir, "wide.yaml");
        var text = new StringBuilder("inventory: wide\nhosts:\n");
        for (var i = 1; i <= HostCount; i++)
            text.Append(CultureInfo.InvariantCulture, $"  node-{i:000}: {{ roles: [fleet] }}\n");
        File.WriteAllText(source, text.ToString());
        var lab = Path.Combine(_dir, "lab");
        var port = LabFixture.FreePort(11, HostCount).ToString(CultureInfo.InvariantCulture);

        var up = await CliRunner.RunAsync("lab", "up", "-i", source, "--dir", lab, "--port", port);
        var state = LabState.Load(lab);
        try
        {
            Assert.True(up.ExitCode == 0, up.Stderr);
            Assert.NotNull(state);
            Assert.Equal(HostCount, state.Hosts.Count);
            Assert.Equal("127.0.0.11", state.Hosts[0].Address);
            Assert.Equal("127.0.0.254", state.Hosts[243].Address);
            Assert.Equal("127.0.2.1", state.Hosts[244].Address);
            Assert.Equal("127.0.2.16", state.Hosts[^1].Address);
            Assert.Equal(HostCount, state.Hosts.Select(h => h.Address).Distinct().Count());

            var runbook = Path.Combine(_dir, "wide-run.yaml");
            File.WriteAllText(
                runbook,
                """
                runbook: wide
                phases:
                  - name: everywhere
                    hosts: all
                    steps:
                      - { name: mark, run: 'echo "$RUNBOOK_LAB_HOST" > "$HOME/wide-ran"' }
                """
            );
            var run = await CliRunner.RunAsync(
                ["run", runbook, "-i", state.Inventory, "--no-live", "--forks", "20"],
                new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
            );

            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.All(
                state.Hosts,
                h =>
                {
                    var mark = Path.Combine(h.Home, "wide-ran");
                    Assert.True(File.Exists(mark), $"{h.Name} ({h.Address}) did not run the step");
                    Assert.Equal(h.Name, File.ReadAllText(mark).Trim());
                }
            );
        }
        finally
        {
            var down = await CliRunner.RunAsync("lab", "down", "--dir", lab);
            Assert.Equal(0, down.ExitCode);
        }

        Assert.All(state.Hosts, h => Assert.False(LabProcesses.IsAlive(h.Pid), $"{h.Name}'s sshd (pid {h.Pid}) runs"));
    }
}
