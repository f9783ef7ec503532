using System.Globalization;
using System.Text;

namespace Runbook.Tests.Support;

/// <summary>
/// A native inventory of an RKE2 fleet of any size, for the fleet-scale plan and diff tests: three etcd servers, five
/// control-plane servers and the rest workers (so 200 hosts give the shipped rotation's agents phase 192 batches). Host
/// names are PREFIX-N, so they can hold anything a test needs (the hostile names of the markdown oracle).
/// </summary>
internal static class FleetInventory
{
    public static string Write(string dir, int hosts, string name = "fleet", string workerPrefix = "worker-")
    {
        var sb = new StringBuilder();
        sb.Append($"inventory: {Quoted(name)}\n");
        sb.Append("defaults: { user: root, vars: { data_dir: /var/lib/rancher/rke2 } }\nhosts:\n");
        for (var i = 1; i <= 3; i++)
            sb.Append($"  etcd-{i}: {{ address: 10.0.0.{10 + i}, roles: [etcd, rke2_servers] }}\n");
        for (var i = 1; i <= 5; i++)
            sb.Append($"  cp-{i}: {{ address: 10.0.0.{20 + i}, roles: [control-plane, rke2_servers] }}\n");
        for (var i = 1; i <= hosts - 8; i++)
        {
            var address = string.Create(CultureInfo.InvariantCulture, $"10.1.{i / 250}.{i % 250 + 1}");
            sb.Append($"  {Quoted(workerPrefix + i)}: {{ address: {address}, roles: [worker] }}\n");
        }

        var path = Path.Combine(dir, $"fleet-{hosts}.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quoted(string value) =>
        "\""
        + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        + "\"";
}
