using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Compilation;

/// <summary>
/// What Runbook sees in an inventory, for <c>runbook inventory</c>: every host with its roles, labels and vars
/// (secrets masked), and the SSH endpoint a run would use for it after the inventory's explicit settings, ssh_config
/// and Runbook's defaults (the same resolution as the SSH transport's, <see cref="SshEndpoints"/>).
/// </summary>
internal static partial class InventoryReport
{
    public const string Masked = "***";

    /// <summary>One host's effective SSH settings; <see cref="Problems"/> say why they cannot be used, if so.</summary>
    public sealed record Endpoint(
        string Address,
        int Port,
        string User,
        IReadOnlyList<string> IdentityFiles,
        bool IdentitiesOnly,
        string? Agent,
        IReadOnlyList<string> Jumps,
        IReadOnlyList<string> KnownHostsFiles,
        string HostKeyPolicy,
        string? Connection,
        IReadOnlyList<string> Problems
    );

    /// <summary>Loads the inventory (each path a -i), or throws <see cref="InvalidInputException"/>.</summary>
    public static InventoryDefinition Load(IReadOnlyList<string> paths)
    {
        var bag = new DiagnosticBag();
        var inventory = InventoryLoader.Load(paths, bag);
        if (bag.HasErrors || inventory is null)
            throw new InvalidInputException(bag.ToSortedList());
        return inventory;
    }

    /// <summary>The effective endpoint of every host, by name, resolved as the SSH transport resolves them.</summary>
    public static IReadOnlyDictionary<string, Endpoint> Endpoints(
        InventoryDefinition inventory,
        SshTransportOptions options
    )
    {
        var planned = EndpointResolver.Resolve(inventory);
        var resolver = new SshEndpoints(options, planned.Values);
        var result = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var host in inventory.Hosts)
        {
            var (endpoint, diagnostics) = resolver.Check(planned[host.Name]);
            var problems = diagnostics
                .Where(d => d.IsError)
                .Select(d => (d.Span.IsKnown ? d.Span + ": " : "") + d.Message)
                .ToList();
            result[host.Name] = endpoint is null
                ? new Endpoint(
                    host.Address,
                    host.Port,
                    host.User ?? "",
                    [],
                    false,
                    null,
                    [],
                    [],
                    "",
                    host.Connection,
                    problems
                )
                : new Endpoint(
                    endpoint.Host.Address,
                    endpoint.Host.Port,
                    endpoint.User,
                    [.. endpoint.IdentityFiles.Select(i => i.Path)],
                    endpoint.IdentitiesOnly,
                    endpoint.Agent?.SocketPath,
                    [.. endpoint.Jumps.Select(j => $"{j.User}@{j.Host.Address}:{j.Host.Port}")],
                    endpoint.KnownHostsFiles,
                    Policy(endpoint.Policy),
                    host.Connection,
                    problems
                );
        }

        return result;
    }

    /// <summary>A host's vars as shown: values of vars whose names say they are secret are masked.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Vars(HostDefinition host)
    {
        foreach (var (name, value) in host.Vars.OrderBy(v => v.Key, StringComparer.Ordinal))
            yield return new(name, SecretName().IsMatch(name) ? Masked : value);
        if (host.BecomePassword is not null)
            yield return new("ansible_become_password", Masked);
    }

    public static string Policy(HostKeyPolicy policy) =>
        policy switch
        {
            HostKeyPolicy.AcceptNew => "accept-new",
            HostKeyPolicy.Off => "off",
            _ => "strict",
        };

    // Ansible's connection passwords (ansible_password, ansible_ssh_pass…) and the usual names of secrets.
    [GeneratedRegex("pass|secret|token|private_key|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
