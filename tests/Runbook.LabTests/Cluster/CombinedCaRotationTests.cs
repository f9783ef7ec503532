using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 CA rotation (runbooks/rke2-ca-rotation.yaml) on RKE2's default layout, where every server is etcd
/// member and API server in one rke2-server unit: the same checks as on the split layout (<see
/// cref="Rke2CaRotationTests"/>), so each combined server is restarted once, in the etcd phase, never again as control
/// plane, while one member at most is down and an API server stays ready.
/// </summary>
[Collection(CombinedClusterCollection.Name)]
public sealed class CombinedCaRotationTests(CombinedClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-combined-ca-").FullName;

    [Fact]
    public async Task Ca_rotation_on_combined_servers_restarts_each_once_keeping_quorum_and_an_api_server_ready()
    {
        try
        {
            await Rke2CaRotationRun.RotateAndCheckAsync(lab, _dir);
        }
        finally
        {
            // Later tests of the collection expect the lab's original CAs, as after the split test.
            await lab.RebuildAsync();
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
