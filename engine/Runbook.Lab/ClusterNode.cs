namespace Runbook.Lab;

/// <summary>
/// One host of a lab cluster and where its files are (all under its lab home): RKE2-like for the rke2 kind, a standalone
/// etcd member (unit etcd, certificates in pki-etcd) for the etcd kind.
/// </summary>
public sealed record ClusterNode(
    string Name,
    string Address,
    string Home,
    ClusterRole Role,
    string Kind = LabCluster.Rke2
)
{
    public const int EtcdClientPort = 2379;
    public const int EtcdPeerPort = 2380;
    public const int ApiPort = 6443;

    /// <summary>The lab's /var/lib/rancher/rke2: the host var <c>data_dir</c>.</summary>
    public string DataDir => Path.Combine(Home, "rke2");

    /// <summary>The member's certificates: RKE2's server/tls/etcd, or the etcd kind's pki-etcd (the host var <c>pki_dir</c>).</summary>
    public string Tls =>
        IsStandaloneEtcd ? Path.Combine(Home, "pki-etcd") : Path.Combine(DataDir, "server", "tls", "etcd");

    /// <summary>The etcd member's data directory.</summary>
    public string EtcdData =>
        IsStandaloneEtcd ? Path.Combine(Home, "etcd-data") : Path.Combine(DataDir, "server", "db", "etcd");

    public bool IsStandaloneEtcd => Kind == LabCluster.Etcd;

    /// <summary>The lab's /etc/rancher/rke2/rke2.yaml: the host var <c>kubeconfig</c>.</summary>
    public string Kubeconfig => Path.Combine(Home, "rke2.yaml");

    public string Units => Path.Combine(Home, "units");

    public string Run => Path.Combine(Home, "run");

    public string Logs => Path.Combine(Home, "logs");

    /// <summary>The lab's /etc/kubernetes on kubeadm hosts.</summary>
    public string KubernetesDir => Path.Combine(Home, "kubernetes");

    /// <summary>The lab's /etc/kubernetes/pki: the host var <c>pki_dir</c>.</summary>
    public string Pki => Path.Combine(KubernetesDir, "pki");

    /// <summary>The lab's /etc/kubernetes/manifests (kubelet's static pods): the host var <c>manifests_dir</c>.</summary>
    public string Manifests => Path.Combine(KubernetesDir, "manifests");

    /// <summary>The lab's /etc/kubernetes/admin.conf: the host var <c>kubeconfig</c> on kubeadm hosts.</summary>
    public string AdminConf => Path.Combine(KubernetesDir, "admin.conf");

    /// <summary>The unit this host runs: etcd in the etcd kind; rke2-server on RKE2 servers, rke2-agent on workers, kubelet on kubeadm hosts.</summary>
    public string Unit =>
        IsStandaloneEtcd
            ? "etcd"
            : Role switch
            {
                ClusterRole.Worker => "rke2-agent",
                ClusterRole.Stacked when Kind == KubeadmCluster.Kind => "kubelet",
                _ => "rke2-server",
            };

    /// <summary>The PID file of a static pod the kubelet stand-in runs (kube-apiserver, etcd).</summary>
    public string PodPidFile(string pod) => Path.Combine(Run, $"pod-{pod}.pid");

    public string EtcdUrl => $"https://{Address}:{EtcdClientPort}";

    public string PeerUrl => $"https://{Address}:{EtcdPeerPort}";

    public string ApiUrl => $"http://{Address}:{ApiPort}";

    public string Log => Path.Combine(Logs, Unit + ".log");

    public static ClusterRole RoleOf(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var matched = new[]
        {
            ("etcd", ClusterRole.Etcd),
            ("control-plane", ClusterRole.ControlPlane),
            ("worker", ClusterRole.Worker),
        }
            .Where(r => roles.Contains(r.Item1))
            .ToList();
        // RKE2's default layout: a server that is both etcd member and control plane runs both in rke2-server.
        if (matched.Select(m => m.Item2).Order().SequenceEqual([ClusterRole.Etcd, ClusterRole.ControlPlane]))
            return ClusterRole.Stacked;
        if (matched.Count > 1)
            throw new LabException(
                "a lab cluster server is etcd, control-plane or both, never also a worker: a host has "
                    + string.Join(" and ", matched.Select(m => m.Item1))
            );
        return matched.Count == 1 ? matched[0].Item2 : ClusterRole.None;
    }
}
