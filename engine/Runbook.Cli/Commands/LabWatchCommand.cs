using System.CommandLine;
using Runbook.Lab;

namespace Runbook.Cli.Commands;

/// <summary><c>runbook lab watch [--dir .lab] [--out FILE]</c>: prints the lab cluster's health about every 250 ms until Ctrl-C.</summary>
internal static class LabWatchCommand
{
    public static Command Create(CliContext cli, Func<Option<string>> dirOption)
    {
        var dir = dirOption();
        var output = new Option<string?>("--out") { Description = "Also append every sample as NDJSON to this file" };
        var watch = new Command(
            "watch",
            "Print the lab cluster's etcd members, quorum and /readyz about every 250 ms until interrupted"
        )
        {
            dir,
            output,
        };
        watch.SetAction(
            async (parsed, cancellationToken) =>
            {
                if (ClusterState.Load(parsed.GetValue(dir)!) is not { } cluster)
                {
                    await cli.Error.WriteLineAsync(
                        $"error: no lab cluster in {parsed.GetValue(dir)} (start one with: runbook lab up -i "
                            + $"INVENTORY --cluster rke2)"
                    );
                    return ExitCodes.Invalid;
                }

                await using var watcher = ClusterWatcher.Start(cluster, parsed.GetValue(output));
                var printed = 0;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var samples = watcher.Samples;
                    foreach (var s in samples.Skip(printed))
                    {
                        var readyz = string.Join(
                            ' ',
                            s.Readyz.Select(r => $"{r.Key}={(r.Value == 0 ? "down" : r.Value)}")
                        );
                        var down =
                            (s.MembersDown.Count == 0 ? string.Empty : $" down={string.Join(',', s.MembersDown)}")
                            + (
                                s.MembersUnhealthy.Count == 0
                                    ? string.Empty
                                    : $" unhealthy={string.Join(',', s.MembersUnhealthy)}"
                            );
                        await cli.Out.WriteLineAsync(
                            $"{s.At:HH:mm:ss.fff} etcd {s.MembersUp.Count}/{cluster.Etcd.Count}{down} "
                                + $"quorum={(s.Quorum ? "yes" : "NO")} readyz {readyz}"
                        );
                    }

                    printed = samples.Count;
                    try
                    {
                        await Task.Delay(250, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                return ExitCodes.Success;
            }
        );
        return watch;
    }
}
