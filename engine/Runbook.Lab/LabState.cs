using System.Text.Json;

namespace Runbook.Lab;

/// <summary>What <c>lab up</c> started, saved in the lab directory so <c>lab down</c> stops exactly that.</summary>
public sealed record LabState(string Inventory, string KnownHosts, string ClientKey, IReadOnlyList<LabHost> Hosts)
{
    public const string FileName = "lab.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathIn(string directory) => System.IO.Path.Combine(directory, FileName);

    public static LabState? Load(string directory)
    {
        var path = PathIn(directory);
        return File.Exists(path) ? JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), Json) : null;
    }

    public void Save(string directory) =>
        File.WriteAllText(PathIn(directory), JsonSerializer.Serialize(this, Json) + "\n");
}
