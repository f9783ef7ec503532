using System.CommandLine;
using Runbook.Cli.Output;
using Runbook.Compilation;
using Runbook.Errors;
using Runbook.Transport;
using Runbook.Transport.SshConfig;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook inventory -i INV… [--list | --graph | --host NAME] [--format text|json]</c>: the hosts, groups, labels,
/// vars (secrets masked) and effective SSH endpoints Runbook sees: what <c>ansible-inventory</c> and <c>ssh -G</c>
/// show, in one place.
/// </summary>
internal static class InventoryCommand
{
    public static Command Create(CliContext cli)
    {
        var inventory = CommonOptions.Inventories();
        var list = new Option<bool>("--list") { Description = "Every host with its settings (the default)" };
        var graph = new Option<bool>("--graph") { Description = "The groups as a tree, as ansible-inventory --graph" };
        var host = new Option<string?>("--host") { Description = "One host: roles, labels, vars and SSH endpoint" };
        var format = CommonOptions.Format("text", "json");
        var sshConfig = new RunOptionsCli().SshConfig;
        var command = new Command(
            "inventory",
            "Show the inventory as Runbook reads it: hosts, roles, labels, vars and each host's effective SSH endpoint"
        )
        {
            inventory,
            list,
            graph,
            host,
            format,
            sshConfig,
        };
        command.SetAction(
            async (parsed, _) =>
            {
                var modes = new[] { parsed.GetValue(list), parsed.GetValue(graph), parsed.GetValue(host) is not null };
                if (modes.Count(m => m) > 1)
                    throw new UsageException("--list, --graph and --host go one at a time");
                var loaded = InventoryReport.Load(parsed.GetValue(inventory)!);
                var source =
                    parsed.GetValue(sshConfig) is { } file ? SshConfigSource.File(file)
                    : loaded.SshConfigFile is { } inventoryFile ? SshConfigSource.File(inventoryFile)
                    : SshConfigSource.Default;
                var options = new SshTransportOptions { SshConfig = source, Environment = cli.Environment };
                var json = parsed.GetValue(format) == "json";
                if (parsed.GetValue(graph))
                {
                    await cli.Out.WriteAsync(
                        json ? InventoryPrinter.GraphJson(loaded) : InventoryPrinter.Graph(loaded)
                    );
                    return ExitCodes.Success;
                }

                var endpoints = InventoryReport.Endpoints(loaded, options);
                if (parsed.GetValue(host) is { } name)
                {
                    var one =
                        loaded.Find(name)
                        ?? throw new UsageException($"--host {name}: no such host in inventory '{loaded.Name}'");
                    await cli.Out.WriteAsync(
                        json
                            ? InventoryPrinter.HostJson(one, endpoints[name])
                            : InventoryPrinter.Host(one, endpoints[name])
                    );
                    return ExitCodes.Success;
                }

                await cli.Out.WriteAsync(
                    json ? InventoryPrinter.ListJson(loaded, endpoints) : InventoryPrinter.List(loaded, endpoints)
                );
                return ExitCodes.Success;
            }
        );
        return command;
    }
}
