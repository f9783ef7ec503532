namespace Runbook.Tests.Support;

/// <summary>Tests that share the lab fleet of <see cref="LabFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab fleet";
}
