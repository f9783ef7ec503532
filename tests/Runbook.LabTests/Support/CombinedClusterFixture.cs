namespace Runbook.Tests.Support;

/// <summary>
/// A running RKE2 lab cluster in RKE2's default layout (inventories/rke2-combined.yaml): three combined servers, each
/// an etcd member and an API server in one rke2-server unit, and two agents.
/// </summary>
public sealed class CombinedClusterFixture() : ClusterFixture("inventories/rke2-combined.yaml", "rke2", 5);

/// <summary>Tests that share the combined-layout lab cluster of <see cref="CombinedClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CombinedClusterCollection : ICollectionFixture<CombinedClusterFixture>
{
    public const string Name = "lab cluster, combined servers";
}
