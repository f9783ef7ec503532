namespace Runbook.Tests.Support;

/// <summary>Tests that share the lab cluster of <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "lab cluster";
}
