namespace Runbook.Tests.Support;

/// <summary>
/// A running etcd lab cluster (<c>lab up --cluster etcd</c>) of inventories/etcd-cluster-with-clients.yaml: 4 sshds, 3
/// real etcd
/// members with mutual TLS (one trust bundle per member for clients and peers) and an application host (app-a, role
/// etcd-client) with a client certificate from the current CA; no CA key on any host.
/// Tests that change the PKI call <see cref="ClusterFixture.RebuildAsync"/> when done.
/// </summary>
public sealed class EtcdClusterFixture() : ClusterFixture("inventories/etcd-cluster-with-clients.yaml", "etcd", 4)
{
    /// <summary>The CA the members trust at lab up (cluster-ca/server-ca.crt) and the one a rotation moves to.</summary>
    public string OldCa => Path.Combine(LabDirectory, "cluster-ca", "server-ca.crt");

    public string NewCa => Path.Combine(LabDirectory, "cluster-ca", "new-ca.crt");

    /// <summary>A client certificate from the old CA and one from the new CA (the lab's watcher certificates).</summary>
    public (string Cert, string Key) OldClient =>
        (
            Path.Combine(LabDirectory, "cluster-ca", "watcher.crt"),
            Path.Combine(LabDirectory, "cluster-ca", "watcher.key")
        );

    public (string Cert, string Key) NewClient =>
        (
            Path.Combine(LabDirectory, "cluster-ca", "watcher-new.crt"),
            Path.Combine(LabDirectory, "cluster-ca", "watcher-new.key")
        );
}
