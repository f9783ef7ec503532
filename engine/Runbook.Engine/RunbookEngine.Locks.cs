using System.Collections.Immutable;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Execution;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Transport;

namespace Runbook;

/// <summary>Where to look for a cluster lock by hand (<c>runbook unlock</c>): resolved like a plan.</summary>
/// <param name="Hosts">The hosts to look on, in inventory order.</param>
/// <param name="Endpoints">Their SSH endpoints, as a plan carries them.</param>
/// <param name="SshConfigFile">The ssh_config file the inventory names, or null.</param>
public sealed record ClusterLockSearch(
    string Name,
    string Path,
    bool Become,
    ImmutableArray<string> Hosts,
    IReadOnlyCollection<HostEndpoint> Endpoints,
    string? SshConfigFile
);

/// <summary>What one host says about the lock: free (no holder), held (and whether removed), or an error.</summary>
public sealed record ClusterLockLookup(string Host, ClusterLockHolder? Holder, bool Removed, string? Error);

public static partial class RunbookEngine
{
    /// <summary>
    /// Where the cluster lock <paramref name="name"/> would be: in <paramref name="directory"/> (default
    /// /var/lib/runbook/locks), on the inventory's hosts matching <paramref name="on"/> (a selector or any(...); all
    /// hosts when null). Bad input throws <see cref="Errors.InvalidInputException"/> with every diagnostic.
    /// </summary>
    public static ClusterLockSearch FindLock(
        string inventory,
        string name,
        string? on = null,
        string? directory = null,
        bool become = false
    )
    {
        var bag = new DiagnosticBag();
        var text = RevisionSource.Read(inventory, bag);
        var hosts = text is null ? null : InventoryLoader.Load(text, bag);
        var where = SourceSpan.None("command line");
        if (!Names.IsRunbookName(name))
            bag.Error(Codes.InvalidName, where, $"'{name}' is not a valid lock name");
        var dir = (directory ?? LockDefinition.DefaultDirectory).TrimEnd('/');
        if (!dir.StartsWith('/'))
            bag.Error(Codes.InvalidValue, where, $"the lock directory must be an absolute path, not '{directory}'");
        var target = on is null ? null : HostTargetParser.Parse(on, where, bag);
        ThrowIfErrors(bag);
        var matching = target is null ? hosts!.Hosts : target.Selector.Select(hosts!.Hosts);
        if (matching.Count == 0)
        {
            bag.Error(Codes.EmptySelection, where, $"'{on}' matches no host in inventory '{hosts!.Name}'");
            ThrowIfErrors(bag);
        }

        var endpoints = EndpointResolver.Resolve(hosts!);
        return new ClusterLockSearch(
            name,
            dir + "/" + name,
            become,
            [.. matching.Select(h => h.Name)],
            [.. matching.Select(h => endpoints[h.Name])],
            hosts!.SshConfigFile
        );
    }

    /// <summary>
    /// Looks for the lock on every host of <paramref name="search"/> and removes each one <paramref name="confirm"/>
    /// agrees to (shown the holder), whoever holds it. A host that cannot be reached is an error in its lookup.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterLockLookup>> UnlockAsync(
        ClusterLockSearch search,
        ITransport transport,
        Func<ClusterLockHolder, Task<bool>> confirm,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(confirm);
        var results = new List<ClusterLockLookup>();
        var endpoints = search.Endpoints.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var host in search.Hosts)
        {
            IHostConnection connection;
            try
            {
                connection = await transport.OpenAsync(endpoints[host], cancellationToken);
            }
            catch (HostUnreachableException ex)
            {
                results.Add(new ClusterLockLookup(host, null, false, ex.Reason));
                continue;
            }

            await using (connection)
                results.Add(await UnlockOnAsync(search, host, connection, confirm, cancellationToken));
        }

        return results;
    }

    private static async Task<ClusterLockLookup> UnlockOnAsync(
        ClusterLockSearch search,
        string host,
        IHostConnection connection,
        Func<ClusterLockHolder, Task<bool>> confirm,
        CancellationToken cancellationToken
    )
    {
        RemoteCommand Command(string script) => new(script, search.Become, TimeSpan.FromSeconds(60), []);
        var read = await connection.ExecuteAsync(Command(LockScripts.Read(search.Path)), null, cancellationToken);
        var (word, lines) = LockScripts.Parse(read.Stdout);
        if (read.ExitCode != 0 || word is not ("held" or "free"))
            return new ClusterLockLookup(host, null, false, ClusterLock.Why(read));
        if (word == "free")
            return new ClusterLockLookup(host, null, false, null);
        var holder = ClusterLockHolder.Parse(search.Name, host, search.Path, lines);
        if (!await confirm(holder))
            return new ClusterLockLookup(host, holder, false, null);
        var removed = await connection.ExecuteAsync(Command(LockScripts.Remove(search.Path)), null, cancellationToken);
        return removed.ExitCode == 0
            ? new ClusterLockLookup(host, holder, true, null)
            : new ClusterLockLookup(host, holder, false, ClusterLock.Why(removed));
    }
}
