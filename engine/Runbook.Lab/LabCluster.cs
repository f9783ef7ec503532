using System.Diagnostics;
using Runbook.Model;

namespace Runbook.Lab;

/// <summary>
/// The RKE2-like cluster of <c>lab up --cluster rke2</c> on top of the lab's sshds (see docs/lab.md): PKI, units, then
/// a bootstrap in dependency order — every etcd member at once, the API stand-ins once etcd is healthy, then the
/// agents.
/// </summary>
internal static class LabCluster
{
    public const string Rke2 = "rke2";

    /// <summary>A standalone etcd cluster: one member (unit etcd) per etcd host, for the etcd CA rotation.</summary>
    public const string Etcd = "etcd";

    public static IReadOnlyList<ClusterNode> Nodes(
        InventoryDefinition inventory,
        IReadOnlyList<LabHost> hosts,
        string kind
    ) =>
        hosts
            .Select(h => new ClusterNode(
                h.Name,
                h.Address,
                h.Home,
                ClusterNode.RoleOf(inventory.Find(h.Name)!.Roles.ToList()),
                kind
            ))
            .ToList();

    /// <summary>The PATH of the lab's SSH sessions and units: the stand-ins first.</summary>
    public static string PathFor(LabLayout layout) => $"{layout.Bin}:/usr/local/bin:/usr/bin:/bin";

    public static async Task<ClusterState> UpAsync(
        LabLayout layout,
        IReadOnlyList<ClusterNode> nodes,
        LabOptions options,
        CancellationToken cancellationToken
    )
    {
        var kind = options.Cluster ?? Rke2;
        // Combined servers (etcd and control-plane, RKE2's default) are etcd members and API servers both.
        var etcd = nodes.Where(n => n.Role is ClusterRole.Etcd or ClusterRole.Stacked).ToList();
        if (
            kind == Rke2
            && (etcd.Count == 0 || !nodes.Any(n => n.Role is ClusterRole.ControlPlane or ClusterRole.Stacked))
        )
            throw new LabException(
                "--cluster rke2 needs hosts with the roles etcd and control-plane, on separate servers or the same "
                    + "(and optionally worker)"
            );
        if (
            kind == Etcd
            && (
                etcd.Count == 0
                || nodes.Any(n => n.Role is ClusterRole.ControlPlane or ClusterRole.Worker or ClusterRole.Stacked)
            )
        )
            throw new LabException(
                "--cluster etcd needs hosts with the role etcd (and no control-plane or worker hosts)"
            );
        if (!File.Exists("/usr/bin/etcd"))
            throw new LabException($"--cluster {kind} needs etcd: apt-get install -y etcd-server etcd-client");

        await ClusterPki.CreateAsync(layout, nodes, cancellationToken).ConfigureAwait(false);
        ClusterUnits.Write(layout, nodes);
        var state = new ClusterState(
            kind,
            nodes,
            Path.Combine(layout.ClusterCa, "server-ca.crt"),
            Path.Combine(layout.ClusterCa, "watcher.crt"),
            Path.Combine(layout.ClusterCa, "watcher.key"),
            layout.Bin
        );
        state.Save(layout);

        using var probe = new ClusterProbe(state);
        await Task.WhenAll(etcd.Select(n => SystemctlAsync(layout, n, "start", cancellationToken)))
            .ConfigureAwait(false);
        await WaitAsync(
                "etcd members healthy",
                etcd,
                async n =>
                    (await probe.EtcdHealthAsync(n, cancellationToken).ConfigureAwait(false)).State
                    == MemberState.Healthy,
                TimeSpan.FromSeconds(30),
                cancellationToken
            )
            .ConfigureAwait(false);
        options.Log?.Invoke($"etcd: {etcd.Count} members healthy over mutual TLS");
        if (kind == Etcd)
            return state;

        var apis = state.ControlPlane;
        await Task.WhenAll(apis.Select(n => SystemctlAsync(layout, n, "start", cancellationToken)))
            .ConfigureAwait(false);
        await WaitAsync(
                "API servers ready",
                apis,
                async n => (await probe.ReadyzAsync(n, cancellationToken).ConfigureAwait(false)).Status == 200,
                TimeSpan.FromSeconds(20),
                cancellationToken
            )
            .ConfigureAwait(false);
        options.Log?.Invoke($"API servers: {apis.Count} ready");

        var workers = state.Workers;
        await Task.WhenAll(workers.Select(n => SystemctlAsync(layout, n, "start", cancellationToken)))
            .ConfigureAwait(false);
        await WaitAsync(
                "agents ready",
                workers,
                n =>
                    Task.FromResult(
                        File.Exists(n.Log) && File.ReadAllText(n.Log).Contains("node ready", StringComparison.Ordinal)
                    ),
                TimeSpan.FromSeconds(20),
                cancellationToken
            )
            .ConfigureAwait(false);
        options.Log?.Invoke($"agents: {workers.Count} ready");
        return state;
    }

    /// <summary>
    /// Stops every unit process started under the lab's host homes (each only if it is still that unit's): the units
    /// first, then the static pods of kubelet stand-ins (run/pod-*.pid), so no kubelet starts a pod again meanwhile.
    /// </summary>
    public static async Task<int> StopUnitsAsync(LabLayout layout)
    {
        if (!Directory.Exists(layout.Hosts))
            return 0;
        var units = await StopAsync(layout, pod: false).ConfigureAwait(false);
        return units + await StopAsync(layout, pod: true).ConfigureAwait(false);
    }

    private static async Task<int> StopAsync(LabLayout layout, bool pod)
    {
        var jobs = new List<Task>();
        var pidFiles = Directory
            .EnumerateFiles(layout.Hosts, "*.pid", SearchOption.AllDirectories)
            .Where(f =>
                Path.GetFileName(Path.GetDirectoryName(f)) == "run"
                && Path.GetFileName(f).StartsWith("pod-", StringComparison.Ordinal) == pod
            );
        foreach (var pidFile in pidFiles.ToList())
        {
            var home = Path.GetDirectoryName(Path.GetDirectoryName(pidFile))!;
            var marker = $"RUNBOOK_UNIT={home}/{Path.GetFileNameWithoutExtension(pidFile)}";
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && IsUnit(pid, marker))
                jobs.Add(LabProcesses.StopGroupAsync(pid, TimeSpan.FromSeconds(10)));
            File.Delete(pidFile);
        }

        await Task.WhenAll(jobs).ConfigureAwait(false);
        return jobs.Count;
    }

    public static async Task SystemctlAsync(
        LabLayout layout,
        ClusterNode node,
        string verb,
        CancellationToken cancellationToken
    )
    {
        var environment = new Dictionary<string, string>
        {
            ["RUNBOOK_LAB_HOME"] = node.Home,
            ["HOME"] = node.Home,
            ["PATH"] = PathFor(layout),
        };
        var (exit, output) = await LabProcesses
            .RunAsync(Path.Combine(layout.Bin, "systemctl"), [verb, node.Unit], environment, cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
            throw new LabException(
                $"systemctl {verb} {node.Unit} on {node.Name} failed (exit {exit}): {output.Trim()}"
            );
    }

    internal static async Task WaitAsync(
        string what,
        IReadOnlyList<ClusterNode> nodes,
        Func<ClusterNode, Task<bool>> ready,
        TimeSpan within,
        CancellationToken cancellationToken
    )
    {
        var watch = Stopwatch.StartNew();
        var pending = nodes.ToList();
        while (pending.Count > 0)
        {
            var results = await Task.WhenAll(
                    pending.Select(async n => (Node: n, Ready: await ready(n).ConfigureAwait(false)))
                )
                .ConfigureAwait(false);
            pending = results.Where(r => !r.Ready).Select(r => r.Node).ToList();
            if (pending.Count == 0)
                return;
            if (watch.Elapsed > within)
            {
                var logs = string.Join("\n", pending.Select(n => $"--- {n.Name} ({n.Log}):\n{Tail(n.Log)}"));
                throw new LabException(
                    $"lab cluster: {what}: not within {within.TotalSeconds:0} s for "
                        + $"{string.Join(", ", pending.Select(n => n.Name))}\n{logs}"
                );
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Tail(string log) =>
        File.Exists(log) ? string.Join("\n", File.ReadAllLines(log).TakeLast(8)) : "(no log)";

    private static bool IsUnit(int pid, string marker)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(marker, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
