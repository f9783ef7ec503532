using System.Text.Json;

namespace Runbook.Lab;

/// <summary>The lab cluster's nodes and the client certificate the watcher and tests use, saved as cluster.json in the lab directory.</summary>
public sealed record ClusterState(
    string Kind,
    IReadOnlyList<ClusterNode> Nodes,
    string CaFile,
    string CertFile,
    string KeyFile,
    string Bin
)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public IReadOnlyList<ClusterNode> Etcd =>
        Nodes.Where(n => n.Role is ClusterRole.Etcd or ClusterRole.Stacked).ToList();

    public IReadOnlyList<ClusterNode> ControlPlane =>
        Nodes.Where(n => n.Role is ClusterRole.ControlPlane or ClusterRole.Stacked).ToList();

    public IReadOnlyList<ClusterNode> Workers => Nodes.Where(n => n.Role == ClusterRole.Worker).ToList();

    public int Quorum => (Etcd.Count / 2) + 1;

    public ClusterNode Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new ArgumentException($"no lab cluster node {name}", nameof(name));

    /// <summary>The cluster of the lab in <paramref name="directory"/>, or null when it has none.</summary>
    public static ClusterState? Load(string directory)
    {
        var path = new LabLayout(Path.GetFullPath(directory)).ClusterState;
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(path), Json) : null;
    }

    internal void Save(LabLayout layout) =>
        File.WriteAllText(layout.ClusterState, JsonSerializer.Serialize(this, Json) + "\n");
}
