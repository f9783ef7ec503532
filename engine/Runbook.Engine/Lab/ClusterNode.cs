namespace Runbook.Lab;

/// <summary>One host of a lab cluster and where its RKE2-like files are (all under its lab home).</summary>
public sealed record ClusterNode(string Name, string Address, string Home, ClusterRole Role)
{
    public const int EtcdClientPort = 2379;
    public const int EtcdPeerPort = 2380;
    public const int ApiPort = 6443;

    /// <summary>The lab's /var/lib/rancher/rke2: the host var <c>data_dir</c>.</summary>
    public string DataDir => Path.Combine(Home, "rke2");

    public string Tls => Path.Combine(DataDir, "server", "tls", "etcd");

    /// <summary>The lab's /etc/rancher/rke2/rke2.yaml: the host var <c>kubeconfig</c>.</summary>
    public string Kubeconfig => Path.Combine(Home, "rke2.yaml");

    public string Units => Path.Combine(Home, "units");

    public string Run => Path.Combine(Home, "run");

    public string Logs => Path.Combine(Home, "logs");

    /// <summary>The unit this host runs: rke2-server on servers, rke2-agent on workers.</summary>
    public string Unit => Role == ClusterRole.Worker ? "rke2-agent" : "rke2-server";

    public string EtcdUrl => $"https://{Address}:{EtcdClientPort}";

    public string PeerUrl => $"https://{Address}:{EtcdPeerPort}";

    public string ApiUrl => $"http://{Address}:{ApiPort}";

    public string Log => Path.Combine(Logs, Unit + ".log");

    public static ClusterRole RoleOf(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var matched = new[] { ("etcd", ClusterRole.Etcd), ("control-plane", ClusterRole.ControlPlane), ("worker", ClusterRole.Worker) }.Where(r => roles.Contains(r.Item1)).ToList();
        if (matched.Count > 1) throw new LabException($"the lab cluster needs split roles: a host has {string.Join(" and ", matched.Select(m => m.Item1))}");
        return matched.Count == 1 ? matched[0].Item2 : ClusterRole.None;
    }
}
