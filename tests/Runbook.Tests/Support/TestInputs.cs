using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Tests.Support;

/// <summary>Builds models from inline YAML and host lists for compiler unit tests.</summary>
internal static class TestInputs
{
    public static RunbookDefinition Runbook(string yaml)
    {
        var bag = new DiagnosticBag();
        var runbook = RunbookReader.Read(SourceLoader.ParseYaml(new SourceText("test.yaml", yaml), bag), bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.ToSortedList()));
        return runbook!;
    }

    public static InventoryDefinition Inventory(params (string Name, string Roles)[] hosts) =>
        new(
            "test",
            InventoryFormat.Native,
            hosts.Select(h => Host(h.Name, h.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList(),
            null,
            new SourceText("inventory.yaml", string.Empty)
        );

    public static InventoryDefinition SplitRoles() =>
        Inventory(
            ("etcd-1", "etcd"),
            ("etcd-2", "etcd"),
            ("etcd-3", "etcd"),
            ("cp-1", "control-plane"),
            ("cp-2", "control-plane"),
            ("worker-1", "worker"),
            ("worker-2", "worker"),
            ("worker-3", "worker")
        );

    public static HostDefinition Host(
        string name,
        IReadOnlyList<string> roles,
        IReadOnlyDictionary<string, object?>? vars = null
    ) =>
        new(
            name,
            "10.0.0." + (Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 250),
            22,
            "root",
            roles,
            new SortedDictionary<string, string>(StringComparer.Ordinal),
            vars ?? new Dictionary<string, object?>(),
            null,
            null,
            new SourceSpan("inventory.yaml", 1, 1)
        );

    public static (ExecutionGraph? Graph, IReadOnlyList<Diagnostic> Diagnostics) Compile(
        string yaml,
        InventoryDefinition inventory,
        Dictionary<string, string>? parameters = null,
        Func<string, string?>? environment = null
    )
    {
        var bag = new DiagnosticBag();
        var graph = Compiler.Compile(
            Runbook(yaml),
            inventory,
            new CompileOptions(parameters ?? [], environment ?? (_ => null)),
            bag
        );
        return (graph, bag.ToSortedList());
    }
}
