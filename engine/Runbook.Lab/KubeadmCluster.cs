using Runbook.Model;

namespace Runbook.Lab;

/// <summary>
/// The kubeadm-like cluster of <c>lab up --cluster kubeadm</c> (see docs/lab.md): every control-plane host runs the
/// kubelet stand-in, whose static pods are a real etcd member (stacked, mutual TLS) and the API-server stand-in, with
/// certificates laid out as kubeadm does under the host's kubernetes/pki. Workers run nothing.
/// </summary>
internal static class KubeadmCluster
{
    public const string Kind = "kubeadm";

    /// <summary>The kubelet stand-in's fileCheckFrequency in the lab (kubelet's default is 20 s).</summary>
    public const int FileCheckSeconds = 2;

    public static IReadOnlyList<ClusterNode> Nodes(InventoryDefinition inventory, IReadOnlyList<LabHost> hosts) =>
        hosts
            .Select(h => new ClusterNode(h.Name, h.Address, h.Home, RoleOf(inventory.Find(h.Name)!.Roles), Kind))
            .ToList();

    public static async Task<ClusterState> UpAsync(
        LabLayout layout,
        IReadOnlyList<ClusterNode> nodes,
        LabOptions options,
        CancellationToken cancellationToken
    )
    {
        var stacked = nodes.Where(n => n.Role == ClusterRole.Stacked).ToList();
        if (stacked.Count == 0)
            throw new LabException(
                "--cluster kubeadm needs hosts with the roles control-plane and etcd (stacked etcd)"
            );
        if (!File.Exists("/usr/bin/etcd"))
            throw new LabException("--cluster kubeadm needs etcd: apt-get install -y etcd-server etcd-client");

        await KubeadmPki.CreateAsync(layout, stacked, cancellationToken).ConfigureAwait(false);
        KubeadmUnits.Write(layout, stacked);
        var state = new ClusterState(
            Kind,
            nodes,
            Path.Combine(layout.ClusterCa, "etcd-ca.crt"),
            Path.Combine(layout.ClusterCa, "watcher.crt"),
            Path.Combine(layout.ClusterCa, "watcher.key"),
            layout.Bin
        );
        state.Save(layout);

        // The kubelets start etcd and the API stand-ins together; an API stand-in that finds no quorum at start exits
        // and
        // its kubelet starts it again at the next file check, as kubelet restarts a crashed static pod.
        using var probe = new ClusterProbe(state);
        await Task.WhenAll(stacked.Select(n => LabCluster.SystemctlAsync(layout, n, "start", cancellationToken)))
            .ConfigureAwait(false);
        await LabCluster
            .WaitAsync(
                "etcd members healthy",
                stacked,
                async n =>
                    (await probe.EtcdHealthAsync(n, cancellationToken).ConfigureAwait(false)).State
                    == MemberState.Healthy,
                TimeSpan.FromSeconds(30),
                cancellationToken
            )
            .ConfigureAwait(false);
        options.Log?.Invoke($"etcd: {stacked.Count} stacked members healthy over mutual TLS");
        await LabCluster
            .WaitAsync(
                "API servers ready",
                stacked,
                async n => (await probe.ReadyzAsync(n, cancellationToken).ConfigureAwait(false)).Status == 200,
                TimeSpan.FromSeconds(30),
                cancellationToken
            )
            .ConfigureAwait(false);
        options.Log?.Invoke($"API servers: {stacked.Count} ready");
        return state;
    }

    private static ClusterRole RoleOf(IReadOnlyCollection<string> roles)
    {
        var controlPlane = roles.Contains("control-plane");
        if (controlPlane != roles.Contains("etcd"))
            throw new LabException(
                "--cluster kubeadm models stacked etcd: a control-plane host needs the role etcd too, and an etcd "
                    + "host control-plane"
            );
        return controlPlane ? ClusterRole.Stacked : ClusterRole.None;
    }
}
