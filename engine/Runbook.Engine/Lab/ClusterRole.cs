namespace Runbook.Lab;

/// <summary>What a lab cluster host runs: an etcd member, an API server, an agent, or nothing (no cluster role).</summary>
public enum ClusterRole
{
    None,
    Etcd,
    ControlPlane,
    Worker,
}
