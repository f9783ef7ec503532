using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Planning;

/// <summary>
/// The hash a reviewer approves and <c>runbook run --plan</c> checks: the SHA-256 over the parts of a plan, each
/// hashed itself so a refusal can say which part changed. The parts: the compiled plan (the JSON plan, secrets
/// masked), the runbook with its included files and the inventory (their texts, secrets masked: ContentDigest), the
/// params (as plans show them: secret values left out), the limit, and every host's SSH endpoint (address, port, user,
/// jump host, identity file, known_hosts and the inventory's ssh_config, paths relative to the inventory). Nothing in
/// it depends on where the checkout is or on when it was computed, so a plan made in review and the plan compiled
/// again where it runs hash the same when their inputs are the same.
/// </summary>
internal sealed record PlanHash(
    string Hash,
    string Plan,
    string Runbook,
    string Inventory,
    string Params,
    string Limit,
    string Endpoints,
    IReadOnlyList<string> EndpointLines
)
{
    /// <summary>"sha256:" and 64 lowercase hex digits.</summary>
    public const string Prefix = "sha256:";

    private const string Version = "runbook-plan-hash/1";

    public static PlanHash Of(ExecutionGraph graph)
    {
        var plan = Sha(graph.Secrets.Apply(JsonPlanRenderer.Render(graph)));
        var endpoints = EndpointLinesOf(graph);
        var (runbook, inventory) = (graph.Fingerprint.RunbookContentSha256, graph.Fingerprint.InventoryContentSha256);
        var (parameters, limit) = (graph.Fingerprint.ParamsSha256, Sha(graph.Limit ?? string.Empty));
        var endpointsSha = Sha(string.Join('\n', endpoints));
        var whole =
            $"{Version}\nplan {plan}\nrunbook {runbook}\ninventory {inventory}\nparams {parameters}\n"
            + $"limit {limit}\nendpoints {endpointsSha}\n";
        return new PlanHash(Prefix + Sha(whole), plan, runbook, inventory, parameters, limit, endpointsSha, endpoints);
    }

    /// <summary>The hash of a compiled plan; null for the empty plan a new runbook is compared with.</summary>
    public static string? OfPlan(ExecutionGraph graph) =>
        ReferenceEquals(graph.Fingerprint, PlanFingerprint.None) ? null : Of(graph).Hash;

    /// <summary>
    /// The plan nothing runs in: what a new runbook's plan is compared with (<c>runbook diff /dev/null HEAD</c>), so
    /// every phase shows as added and the safety rules see every step and gate as new.
    /// </summary>
    public static ExecutionGraph Empty(ExecutionGraph like) =>
        like with
        {
            Description = null,
            Params = [],
            Phases = [],
            Lock = null,
            Warnings = [],
            Fingerprint = PlanFingerprint.None,
        };

    /// <summary>The parts by name, in the order a refusal lists what changed.</summary>
    public IEnumerable<(string Name, string Sha)> Parts() =>
        [
            ("runbook", Runbook),
            ("inventory", Inventory),
            ("params", Params),
            ("limit", Limit),
            ("ssh endpoints", Endpoints),
            ("plan", Plan),
        ];

    /// <summary>One line per inventory host, in name order: how the run reaches it (no become password).</summary>
    private static List<string> EndpointLinesOf(ExecutionGraph graph)
    {
        var root = InventoryDirectory(graph.Fingerprint.Inventory);
        var lines = graph.Endpoints.Values.Select(e => Line(e, root)).ToList();
        if (graph.SshConfigFile is { } config)
            lines.Add("ssh_config " + Relative(config, root));
        return lines;
    }

    private static string Line(HostEndpoint e, string root)
    {
        var sb = new StringBuilder(e.Name).Append(' ');
        sb.Append(e.User is null ? string.Empty : e.User + "@").Append(e.Address);
        sb.Append(':').Append(e.Port.ToString(CultureInfo.InvariantCulture));
        if (e.Jump is { } jump)
            sb.Append(" jump=").Append(Line(jump, root));
        if (e.IdentityFile is { } identity)
            sb.Append(" identity=").Append(identity);
        if (e.KnownHostsFile is { } knownHosts)
            sb.Append(" known_hosts=").Append(Relative(knownHosts, root));
        if (e.Alias is { } alias)
            sb.Append(" alias=").Append(alias);
        if (!e.AddressGiven)
            sb.Append(" address-from-ssh_config");
        if (!e.PortGiven)
            sb.Append(" port-from-ssh_config");
        return sb.ToString();
    }

    /// <summary>
    /// The directory of the inventory (or of the first of several -i paths): the inventory resolves known_hosts and
    /// ssh_config against it, so relative to it they are as written, in every checkout and in a git revision.
    /// </summary>
    private static string InventoryDirectory(string inventory)
    {
        var first = inventory.Split(' ')[0];
        if (first.Length == 0)
            return Environment.CurrentDirectory;
        // REV:PATH stays as it is: the inventory reader resolved its relative paths against the same directory.
        var full = Path.GetFullPath(first);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? Environment.CurrentDirectory;
    }

    private static string Relative(string path, string root) =>
        Path.IsPathRooted(path) ? Path.GetRelativePath(root, path).Replace('\\', '/') : path;

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
