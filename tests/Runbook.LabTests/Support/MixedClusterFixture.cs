namespace Runbook.Tests.Support;

/// <summary>
/// A running RKE2 lab cluster with mixed server roles (inventories/rke2-mixed.yaml): two combined servers, one
/// etcd-only server, one control-plane-only server and two agents.
/// </summary>
public sealed class MixedClusterFixture() : ClusterFixture("inventories/rke2-mixed.yaml", "rke2", 6);

/// <summary>Tests that share the mixed-layout lab cluster of <see cref="MixedClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MixedClusterCollection : ICollectionFixture<MixedClusterFixture>
{
    public const string Name = "lab cluster, mixed servers";
}
