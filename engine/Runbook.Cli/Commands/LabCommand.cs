using System.CommandLine;
using Runbook.Lab;

namespace Runbook.Cli.Commands;

/// <summary><c>runbook lab up|down</c>: a local fleet of real sshds on 127.0.0.0/8, one per inventory host.</summary>
internal static class LabCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command(
            "lab",
            "Run a local lab fleet: one OpenSSH server per inventory host, on loopback addresses only"
        );
        command.Subcommands.Add(Up(cli));
        command.Subcommands.Add(Down(cli));
        command.Subcommands.Add(LabWatchCommand.Create(cli, Dir));
        return command;
    }

    /// <summary>Relative to the working directory when the path is below it, absolute otherwise.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static Option<string> Dir() =>
        new("--dir") { Description = "The lab directory", DefaultValueFactory = _ => ".lab" };

    private static Command Up(CliContext cli)
    {
        var inventory = CommonOptions.Inventories();
        var dir = Dir();
        var port = new Option<int>("--port")
        {
            Description = "The SSH port every lab host listens on",
            DefaultValueFactory = _ => 2222,
        };
        var cluster = new Option<string?>("--cluster")
        {
            Description =
                "Also run a cluster on the fleet: rke2 (real etcd with mutual TLS, RKE2 stand-ins), etcd (a "
                + "standalone mutual-TLS etcd cluster) or kubeadm (stacked etcd and API stand-in as static "
                + "pods); see docs/lab.md",
        };
        cluster.AcceptOnlyFromAmong(LabCluster.Rke2, LabCluster.Etcd, KubeadmCluster.Kind);
        var up = new Command("up", "Start one sshd per inventory host and write a lab inventory that points at them")
        {
            inventory,
            dir,
            port,
            cluster,
        };
        up.SetAction(
            async (parsed, cancellationToken) =>
            {
                var options = new LabOptions(parsed.GetValue(dir)!)
                {
                    Port = parsed.GetValue(port),
                    Cluster = parsed.GetValue(cluster),
                    Log = cli.Out.WriteLine,
                };
                LabState? state;
                try
                {
                    state = await LabFleet.UpAsync(parsed.GetValue(inventory)!, options, cancellationToken);
                }
                catch (LabException ex)
                {
                    await cli.Error.WriteLineAsync($"error: {ex.Message}");
                    return ExitCodes.Invalid;
                }

                if (state is null)
                {
                    await cli.Error.WriteLineAsync(
                        $"error: a lab is already up in {options.Directory}; stop it first with: runbook lab down "
                            + $"--dir {options.Directory}"
                    );
                    return ExitCodes.Invalid;
                }

                await cli.Out.WriteLineAsync($"lab up: {state.Hosts.Count} hosts");
                foreach (var host in state.Hosts)
                    await cli.Out.WriteLineAsync($"  {host.Name, -16} {host.Address}:{host.Port}  pid {host.Pid}");
                await cli.Out.WriteLineAsync($"inventory:   {Display(state.Inventory)}");
                await cli.Out.WriteLineAsync($"known_hosts: {Display(state.KnownHosts)}");
                await cli.Out.WriteLineAsync($"next: runbook plan RUNBOOK -i {Display(state.Inventory)}");
                await cli.Out.WriteLineAsync($"stop it with: runbook lab down --dir {options.Directory}");
                return ExitCodes.Success;
            }
        );
        return up;
    }

    private static Command Down(CliContext cli)
    {
        var dir = Dir();
        var down = new Command("down", "Stop the sshds that 'lab up' started and remove the lab's state") { dir };
        down.SetAction(
            async (parsed, _) =>
            {
                var stopped = await LabFleet.DownAsync(parsed.GetValue(dir)!);
                if (stopped.Count == 0)
                {
                    await cli.Out.WriteLineAsync($"lab down: no running lab in {parsed.GetValue(dir)}");
                    return ExitCodes.Success;
                }

                foreach (var host in stopped)
                    await cli.Out.WriteLineAsync(
                        $"stopped sshd for {host.Name} (pid {host.Pid}, {host.Address}:{host.Port})"
                    );
                await cli.Out.WriteLineAsync($"lab down: {stopped.Count} hosts stopped");
                return ExitCodes.Success;
            }
        );
        return down;
    }
}
