namespace Runbook.Tests.Support;

/// <summary>Tests that share the kubeadm lab cluster of <see cref="KubeadmFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class KubeadmCollection : ICollectionFixture<KubeadmFixture>
{
    public const string Name = "lab kubeadm cluster";
}
