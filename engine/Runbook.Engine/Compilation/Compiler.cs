using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Inventories;
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
        var limit = options.Limit is { } text ? HostLimit.Parse(text, diagnostics) : null;
        var limited = limit?.Apply(inventory, diagnostics).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (diagnostics.HasErrors)
            return null;

        var includes = IncludeBinder.Bind(runbook, templates, parameters, diagnostics);
        if (diagnostics.HasErrors)
            return null;

        var ctx = new CompileContext(runbook, inventory, templates, parameters, diagnostics, includes)
        {
            Limit = limited,
        };
        var phases = runbook.Phases.Select((p, i) => PhaseCompiler.Compile(ctx, p, i + 1)).ToImmutableArray();
        var clusterLock = LockCompiler.Compile(ctx, runbook.Lock);
        ConnectionChecks.Check(inventory, phases, clusterLock, diagnostics);
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
            Lock = clusterLock,
            SshConfigFile = inventory.SshConfigFile,
            Limit = limit?.Text,
            LimitedHosts = limited?.Count ?? inventory.Hosts.Count,
            Fingerprint = new PlanFingerprint(
                runbook.Source.Path,
                inventory.Source.Path,
                RunbookSha256(runbook),
                inventory.Source.Sha256,
                ParamsHash.Compute(parameters)
            )
            {
                Limit = limit?.Text,
                RunbookContentSha256 = ContentDigest.Of(
                    [runbook.Source.Text, .. runbook.Included.Select(f => f.Text)],
                    ctx.Masker.With(ctx.Derived)
                ),
                InventoryContentSha256 = ContentDigest.Of([inventory.Source.Text], ctx.Masker.With(ctx.Derived)),
            },
        };
    }

    /// <summary>
    /// The runbook file's SHA-256; with includes, the SHA-256 of that and of every included file's SHA-256 in the order
    /// read (which the runbook's own bytes fix), so a change in an included file changes the runbook's fingerprint (a
    /// resume notices it) while a runbook without includes keeps the hash of its bytes.
    /// </summary>
    private static string RunbookSha256(RunbookDefinition runbook)
    {
        if (runbook.Included.Count == 0)
            return runbook.Source.Sha256;
        var text = new System.Text.StringBuilder(runbook.Source.Sha256).Append('\n');
        foreach (var file in runbook.Included)
            text.Append(file.Sha256).Append('\n');
        var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString());
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }
}
