using System.CommandLine;
using Runbook.Diagnostics;
using Runbook.Execution;
using Runbook.Transport;
using Runbook.Transport.SshConfig;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook unlock -i INVENTORY --name NAME</c>: shows who holds a cluster lock a run left (after a failure or an
/// interrupt) and removes it, once confirmed at the terminal or with --force. Without a terminal and without --force it
/// removes nothing: a lock is only ever removed on purpose.
/// </summary>
internal static class UnlockCommand
{
    public static Command Create(CliContext cli)
    {
        var inventory = CommonOptions.Inventory();
        var name = new Option<string>("--name")
        {
            Description = "The lock's name (the runbook's lock.name)",
            Required = true,
        };
        var on = new Option<string?>("--on")
        {
            Description = "Look only on hosts matching this selector, e.g. the runbook's lock.on; default: every host",
        };
        var dir = new Option<string?>("--dir")
        {
            Description = "The lock directory on the hosts (the runbook's lock.dir); default /var/lib/runbook/locks",
        };
        var become = new Option<bool>("--become") { Description = "Read and remove the lock with sudo (lock.become)" };
        var force = new Option<bool>("--force") { Description = "Remove the lock without asking" };
        var command = new Command("unlock", "Show who holds a cluster lock and remove it")
        {
            inventory,
            name,
            on,
            dir,
            become,
            force,
        };
        command.SetAction(
            async (parsed, cancellationToken) =>
            {
                var search = RunbookEngine.FindLock(
                    parsed.GetValue(inventory)!,
                    parsed.GetValue(name)!,
                    parsed.GetValue(on),
                    parsed.GetValue(dir),
                    parsed.GetValue(become)
                );
                var transport =
                    cli.TransportFactory?.Invoke(search.Endpoints)
                    ?? SshTransport.Prepared(
                        new SshTransportOptions
                        {
                            Environment = cli.Environment,
                            SshConfig = search.SshConfigFile is { } file
                                ? SshConfigSource.File(file)
                                : SshConfigSource.Default,
                            Warn = cli.Error.Write,
                        },
                        search.Endpoints
                    );
                var forced = parsed.GetValue(force);
                var refused = false;
                async Task<bool> Confirm(ClusterLockHolder holder)
                {
                    await cli.Out.WriteLineAsync(
                        VisibleText.Escape(
                            $"lock {holder.Name} on {holder.Host} ({holder.Path}): held by {holder.Describe()}"
                        )
                    );
                    if (forced)
                        return true;
                    if (cli.Input is null)
                    {
                        refused = true;
                        return false;
                    }

                    await cli.Out.WriteAsync("remove it? [y/N] ");
                    await cli.Out.FlushAsync(cancellationToken);
                    var answer = (await cli.Input.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
                    return answer is "y" or "yes";
                }

                IReadOnlyList<ClusterLockLookup> lookups;
                try
                {
                    lookups = await RunbookEngine.UnlockAsync(search, transport, Confirm, cancellationToken);
                }
                finally
                {
                    if (transport is IAsyncDisposable disposable)
                        await disposable.DisposeAsync();
                }

                return await ReportAsync(cli, search, lookups, refused);
            }
        );
        return command;
    }

    private static async Task<int> ReportAsync(
        CliContext cli,
        ClusterLockSearch search,
        IReadOnlyList<ClusterLockLookup> lookups,
        bool refused
    )
    {
        foreach (var error in lookups.Where(l => l.Error is not null))
            await cli.Error.WriteLineAsync(VisibleText.Escape($"error: {error.Host}: {error.Error}"));
        foreach (var removed in lookups.Where(l => l.Removed))
            await cli.Out.WriteLineAsync($"removed lock {search.Name} on {removed.Host}");
        if (refused)
        {
            await cli.Error.WriteLineAsync(
                $"error: lock {search.Name} not removed: there is no terminal to confirm on; "
                    + "check that its run is gone, then give --force to remove it"
            );
            return ExitCodes.Invalid;
        }

        if (lookups.Any(l => l.Error is not null))
            return ExitCodes.Unreachable;
        if (lookups.All(l => l.Holder is null))
        {
            await cli.Out.WriteLineAsync($"no lock {search.Name} on {string.Join(", ", search.Hosts)} ({search.Path})");
        }

        return ExitCodes.Success;
    }
}
