namespace Runbook.Tests.Support;

/// <summary>Tests that share the etcd lab cluster of <see cref="EtcdClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class EtcdClusterCollection : ICollectionFixture<EtcdClusterFixture>
{
    public const string Name = "etcd lab cluster";
}
