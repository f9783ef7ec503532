using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

/// <summary>
/// Which ssh_config <c>runbook run</c> reads: <c>--ssh-config FILE</c>, else the inventory's <c>ssh_config:</c>, else
/// the defaults. Each case gives a config with a bad line, so the SSH transport's check refuses it before the run
/// exists (exit 2, no run directory) and the error names the file that was read; nothing connects.
/// </summary>
public sealed class SshConfigOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-ssh-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private (string Runbook, string Inventory) Inputs(string inventoryHead = "")
    {
        var runbook = Write(
            "runbook.yaml",
            """
            runbook: ssh-config
            phases:
              - name: p
                hosts: all
                steps:
                  - { name: mark, run: "true" }
            """
        );
        var inventory = Write("inventory.yaml", inventoryHead + "hosts:\n  db: { address: 127.0.0.1, port: 1 }\n");
        return (runbook, inventory);
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(
            ["run", .. args, "--no-live"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

    [Fact]
    public async Task Run_reads_the_file_given_with_ssh_config_and_refuses_a_bad_line_before_the_run_exists()
    {
        var config = Write("given.conf", "Host db\n  Port 22x\n");
        var (runbook, inventory) = Inputs();

        var result = await RunAsync(runbook, "-i", inventory, "--ssh-config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:2:8: error RB0082: bad port '22x'", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "state", "runs")), "a run was created");
    }

    [Fact]
    public async Task Run_reads_the_inventorys_ssh_config_relative_to_the_inventory_unless_the_flag_names_another()
    {
        var fromInventory = Write(Path.Combine("conf", "ssh_config"), "Host db\n  Port 33x\n");
        var given = Write("given.conf", "Host db\n  Port 44x\n");
        var (runbook, inventory) = Inputs("ssh_config: ./conf/ssh_config\n");

        var byInventory = await RunAsync(runbook, "-i", inventory);
        var byFlag = await RunAsync(runbook, "-i", inventory, "--ssh-config", given);

        Assert.Equal(2, byInventory.ExitCode);
        Assert.Contains(
            $"{fromInventory}:2:8: error RB0082: bad port '33x'",
            byInventory.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(2, byFlag.ExitCode);
        Assert.Contains($"{given}:2:8: error RB0082: bad port '44x'", byFlag.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("33x", byFlag.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "state", "runs")), "a run was created");
    }
}
