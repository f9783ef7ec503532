using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 CA rotation (runbooks/rke2-ca-rotation.yaml) on the split-role lab cluster: new etcd CAs made
/// on the controller, cross-signed by the current ones fetched from the first etcd server, uploaded there and
/// loaded with the rke2 stand-in's rotate-ca, then every server restarted once in the safe order. Afterwards every
/// etcd member serves a certificate issued by the new CA, while the watcher, which trusts only the old CA, saw
/// quorum kept and an API server ready throughout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Rke2CaRotationTests(ClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-rke2-ca-").FullName;

    [Fact]
    public async Task Ca_rotation_moves_every_member_to_the_new_ca_restarting_each_server_once_keeping_quorum()
    {
        try
        {
            await Rke2CaRotationRun.RotateAndCheckAsync(lab, _dir);
        }
        finally
        {
            // Later tests of the collection expect the lab's original CAs.
            await lab.RebuildAsync();
        }
    }

    [Fact]
    public async Task A_ca_given_by_the_operator_that_is_not_cross_signed_is_refused_before_any_server_restarts()
    {
        var (runbook, _) = Rke2CaRotationRun.Write(_dir);
        // A fresh self-signed CA pair from "the operator's PKI", not signed by the cluster's current CAs.
        var ca = Path.Combine(_dir, "new-ca", "tls", "etcd");
        Directory.CreateDirectory(ca);
        foreach (var type in new[] { "server", "peer" })
        {
            var made = ExternalTool.Run(
                "openssl",
                [
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-keyout",
                    Path.Combine(ca, type + "-ca.key"),
                    "-out",
                    Path.Combine(ca, type + "-ca.crt"),
                    "-days",
                    "30",
                    "-subj",
                    $"/CN=operator-{type}-ca",
                ]
            );
            Assert.True(made.ExitCode == 0, made.Stderr);
        }

        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        var run = await CliRunner.RunAsync(
            [
                "run",
                runbook,
                "-i",
                lab.State.Inventory,
                "--no-live",
                "--yes",
                "--param",
                "settle=1s",
                "--param",
                "ca_dir=" + Path.Combine(_dir, "new-ca"),
            ],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.True(
            (run.Stdout + run.Stderr).Contains("not cross-signed", StringComparison.Ordinal),
            run.Stdout + run.Stderr
        );
        Assert.Equal(before, ShippedRotation.UnitCycles(nodes));
        Assert.False(Directory.Exists(Path.Combine(lab.LabDirectory, "datastore")));
        // The upload put the operator's files where rotate-ca read them, on the first etcd server.
        var staged = Path.Combine(lab.Cluster.Etcd[0].DataDir, "server", "rotate-ca", "tls", "etcd", "server-ca.crt");
        Assert.Equal(File.ReadAllText(Path.Combine(ca, "server-ca.crt")), File.ReadAllText(staged));
        Directory.Delete(Path.Combine(lab.Cluster.Etcd[0].DataDir, "server", "rotate-ca"), recursive: true);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
