namespace Runbook.Lab;

/// <summary>What a lab cluster host runs: an etcd member, an API server, both (stacked), an agent, or nothing (no cluster role).</summary>
public enum ClusterRole
{
    None,
    Etcd,
    ControlPlane,
    Worker,

    /// <summary>
    /// Etcd and the API server on one host: kubeadm's stacked control plane (static pods run by the kubelet stand-in),
    /// or RKE2's combined server (both in rke2-server).
    /// </summary>
    Stacked,
}
