using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>
/// Checks the hosts a plan uses against how the inventory says to reach them (Ansible's ansible_connection): 'local'
/// hosts run their steps on the controller, which takes no sudo (RB0142 for a step, gate or lock with become there);
/// any other connection (docker, winrm, …) is one Runbook cannot use (RB0141), reported rather than quietly tried
/// over SSH; a become method other than sudo (ansible_become_method) on a host where the plan uses become is refused
/// (RB0143) rather than quietly replaced by sudo. Hosts the plan does not touch may say anything.
/// </summary>
internal static class ConnectionChecks
{
    public static void Check(
        InventoryDefinition inventory,
        ImmutableArray<PhaseNode> phases,
        LockNode? clusterLock,
        DiagnosticBag diagnostics
    )
    {
        var special = inventory
            .Hosts.Where(h => h.Connection is not null || BecomeMethod(h) is not null)
            .GroupBy(h => h.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (special.Count == 0)
            return;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (host, become, what, span) in Uses(phases, clusterLock))
        {
            if (!special.TryGetValue(host, out var definition))
                continue;
            if (become && BecomeMethod(definition) is { } method && reported.Add($"{host}\nmethod"))
            {
                diagnostics.Error(
                    Codes.BecomeMethodUnsupported,
                    definition.Span,
                    $"{what} uses become on host '{host}', whose ansible_become_method is '{method}': Runbook "
                        + "becomes another user with sudo only",
                    null
                );
            }

            if (definition.Connection is null)
                continue;
            if (definition.Connection != "local")
            {
                if (reported.Add(host))
                {
                    diagnostics.Error(
                        Codes.ConnectionUnsupported,
                        definition.Span,
                        $"host '{host}' is reached with ansible_connection={definition.Connection}, which Runbook "
                            + "cannot use",
                        "Runbook reaches hosts over SSH (ssh, smart, paramiko, or no ansible_connection) or runs on "
                            + "the controller (local); leave this host out of the runbook's selectors or --limit"
                    );
                }

                continue;
            }

            if (become && reported.Add($"{host}\n{span}"))
            {
                diagnostics.Error(
                    Codes.BecomeOnController,
                    span,
                    $"{what} uses become on host '{host}', which the inventory reaches with "
                        + "ansible_connection=local (the controller)",
                    null
                );
            }
        }
    }

    /// <summary>
    /// The host's ansible_become_method when it is not sudo (Runbook's only method), else null. Kept in the host's
    /// vars, as ansible-inventory shows it; refused only where the plan uses become on the host.
    /// </summary>
    private static string? BecomeMethod(HostDefinition host) =>
        host.Vars.GetValueOrDefault("ansible_become_method") switch
        {
            null or "sudo" => null,
            string text => text,
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };

    private static IEnumerable<(string Host, bool Become, string What, SourceSpan Span)> Uses(
        ImmutableArray<PhaseNode> phases,
        LockNode? clusterLock
    )
    {
        foreach (var batch in phases.SelectMany(p => p.Batches))
        {
            var steps = batch
                .Segments.SelectMany(s => s.Steps)
                .Concat(batch.Cleanup.SelectMany(c => c.Steps))
                .Where(s => !s.Local);
            foreach (var step in steps)
            {
                var what =
                    step.InventoryBecome == InventoryBecome.Applied
                        ? $"step '{step.Name}' (through the host's ansible_become)"
                        : $"step '{step.Name}'";
                yield return (step.Host, step.Become, what, step.Span);
            }

            foreach (var gate in batch.Gates.Concat(batch.Preconditions))
            {
                foreach (var candidate in gate.Candidates)
                    yield return (candidate, gate.Become, $"gate '{gate.Name}'", gate.Span);
            }
        }

        foreach (var candidate in clusterLock?.Candidates ?? [])
            yield return (candidate, clusterLock!.Become, "the lock", clusterLock.Span);
    }
}
