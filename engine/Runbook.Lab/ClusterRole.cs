namespace Runbook.Lab;

/// <summary>What a lab cluster host runs: an etcd member, an API server, both (stacked), an agent, or nothing (no cluster role).</summary>
public enum ClusterRole
{
    None,
    Etcd,
    ControlPlane,
    Worker,

    /// <summary>kubeadm's stacked control plane: etcd and the API server as static pods run by the kubelet stand-in.</summary>
    Stacked,
}
