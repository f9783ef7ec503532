using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>Turns a runbook, an inventory and params into the immutable execution graph.</summary>
internal static class Compiler
{
    /// <summary>Returns the graph, or null when there were errors (all of them are in <paramref name="diagnostics"/>).</summary>
    public static ExecutionGraph? Compile(
        RunbookDefinition runbook,
        InventoryDefinition inventory,
        CompileOptions options,
        DiagnosticBag diagnostics
    )
    {
        var templates = TemplateCatalog.Build(runbook, diagnostics);
        var parameters = ParamResolver.Resolve(runbook, options, diagnostics);
        if (diagnostics.HasErrors)
            return null;

        var ctx = new CompileContext(runbook, inventory, templates, parameters, diagnostics);
        var phases = runbook.Phases.Select((p, i) => PhaseCompiler.Compile(ctx, p, i + 1)).ToImmutableArray();
        if (diagnostics.HasErrors)
            return null;

        return new ExecutionGraph(
            runbook.Name,
            runbook.Description,
            inventory.Name,
            inventory.Hosts.Count,
            [.. parameters.Display],
            phases
        )
        {
            QuorumRoles =
            [
                .. runbook
                    .QuorumRoles.Concat(inventory.QuorumRoles)
                    .Append("etcd")
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal),
            ],
            HostRoles = inventory
                .Hosts.GroupBy(h => h.Name, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(
                    g => g.Key,
                    g => g.First().Roles.ToImmutableArray(),
                    StringComparer.Ordinal
                ),
            Secrets = ctx.Masker.With(ctx.Derived),
            Warnings = [.. diagnostics.ToSortedList().Where(d => !d.IsError)],
            Endpoints = EndpointResolver.Resolve(inventory),
            SshConfigFile = inventory.SshConfigFile,
            Fingerprint = new PlanFingerprint(
                runbook.Source.Path,
                inventory.Source.Path,
                runbook.Source.Sha256,
                inventory.Source.Sha256,
                ParamsHash.Compute(parameters)
            ),
        };
    }
}
