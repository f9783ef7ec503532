using Runbook.Compilation;
using Runbook.Diffing;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Graph;
using Runbook.Parsing;
using Runbook.Planning;

namespace Runbook;

/// <summary>
/// <c>runbook affected BASE HEAD</c>: every runbook × inventory pair whose compiled plan differs between two git
/// revisions, found by compiling both sides (REV:PATH, includes from the same revision), so a change reaches it
/// whether it is in the runbook, a file it includes, an uploaded file or the inventory. Runbooks are the YAML files
/// under runbooks/ with a top-level 'runbook:'; a rename git sees (-M) pairs the old path with the new one.
/// Inventories are the -i files given, else every .yaml, .yml and .ini file directly under inventories/: a pair
/// counts where the runbook compiles against that inventory (at HEAD, or at BASE for what was removed).
/// </summary>
internal static class AffectedPlans
{
    public const string RunbookFolder = "runbooks";
    public const string InventoryFolder = "inventories";

    private static readonly string[] RunbookEndings = [".yaml", ".yml"];
    private static readonly string[] InventoryEndings = [".yaml", ".yml", ".ini"];

    public static AffectedResult Find(
        string baseRevision,
        string headRevision,
        IReadOnlyList<string> inventories,
        CompileOptions options
    )
    {
        GitRevisions.RequireCommit(baseRevision);
        GitRevisions.RequireCommit(headRevision);
        var before = new Side(baseRevision, options);
        var after = new Side(headRevision, options);
        var given = inventories.Select(i => i.StartsWith("./", StringComparison.Ordinal) ? i[2..] : i).ToList();
        var candidates = given.Count > 0 ? given : [.. before.Inventories.Union(after.Inventories).Order()];
        var renames = GitRevisions.Renames(baseRevision, headRevision, RunbookFolder);
        var renamedTo = renames.Where(r => after.Runbooks.Contains(r.Value)).ToDictionary(r => r.Value, r => r.Key);

        var found = new List<AffectedPlan>();
        var warnings = new List<Diagnostic>();
        foreach (var runbook in after.Runbooks)
        {
            var baseRunbook =
                renamedTo.GetValueOrDefault(runbook) ?? (before.Runbooks.Contains(runbook) ? runbook : null);
            var compiledAnywhere = false;
            foreach (var inventory in candidates)
            {
                var head = after.Compile(runbook, inventory);
                var @base = baseRunbook is null ? null : before.Compile(baseRunbook, inventory);
                compiledAnywhere |= head is not null;
                if (Status(head, @base, after.Has(inventory)) is not { } status)
                    continue;
                if (status == AffectedStatus.Changed && head is null)
                    warnings.Add(Skipped($"{headRevision}:{runbook}", $"no longer compiles against {inventory}"));
                var changed =
                    status != AffectedStatus.Changed
                    || head is null
                    || GraphDiffer.Compare(@base!, head, string.Empty, string.Empty).Changed;
                if (changed)
                    found.Add(Pair(runbook, inventory, status, baseRunbook, head, @base));
            }

            if (!compiledAnywhere)
                warnings.Add(Skipped($"{headRevision}:{runbook}", "compiles against none of the inventories"));
        }

        foreach (var runbook in before.Runbooks.Where(r => !after.Runbooks.Contains(r) && !renames.ContainsKey(r)))
        {
            foreach (var inventory in candidates)
            {
                if (before.Compile(runbook, inventory) is { } @base)
                    found.Add(Pair(runbook, inventory, AffectedStatus.Removed, runbook, null, @base));
            }
        }

        return new AffectedResult(
            [.. found.OrderBy(p => p.Runbook, StringComparer.Ordinal).ThenBy(p => p.Inventory, StringComparer.Ordinal)],
            warnings
        );
    }

    /// <summary>
    /// Added: compiles at HEAD and not at BASE. Changed: compiles on both sides (if the plans differ), or compiled at
    /// BASE and no longer does while both files are still there (the diff then shows why). Removed: compiled at BASE
    /// and its runbook or inventory is gone.
    /// </summary>
    private static AffectedStatus? Status(ExecutionGraph? head, ExecutionGraph? @base, bool inventoryAtHead) =>
        (head, @base) switch
        {
            (not null, null) => AffectedStatus.Added,
            (not null, not null) => AffectedStatus.Changed,
            (null, not null) => inventoryAtHead ? AffectedStatus.Changed : AffectedStatus.Removed,
            _ => null,
        };

    private static AffectedPlan Pair(
        string runbook,
        string inventory,
        AffectedStatus status,
        string? baseRunbook,
        ExecutionGraph? head,
        ExecutionGraph? @base
    ) =>
        new(runbook, inventory, status)
        {
            BaseRunbook = status == AffectedStatus.Added ? null : baseRunbook,
            HeadPlanHash = head is null ? null : PlanHash.Of(head).Hash,
            BasePlanHash = @base is null ? null : PlanHash.Of(@base).Hash,
        };

    private static Diagnostic Skipped(string runbook, string why) =>
        new(
            Codes.AffectedSkipped.Id,
            Severity.Warning,
            SourceSpan.None(runbook),
            $"{why}: left out",
            Codes.AffectedSkipped.DefaultHint
        );

    /// <summary>One revision: its runbooks and default inventories, and the plans compiled there (each once).</summary>
    private sealed class Side(string revision, CompileOptions options)
    {
        private readonly HashSet<string> _files = [.. GitRevisions.Files(revision)];
        private readonly Dictionary<(string, string), ExecutionGraph?> _plans = [];
        private List<string>? _runbooks;

        public List<string> Runbooks =>
            _runbooks ??= [.. _files.Where(f => IsUnder(f, RunbookFolder, RunbookEndings)).Order().Where(IsRunbook)];

        public IEnumerable<string> Inventories =>
            _files.Where(f =>
                IsUnder(f, InventoryFolder, InventoryEndings) && f.IndexOf('/', InventoryFolder.Length + 1) < 0
            );

        public bool Has(string path) => _files.Contains(path);

        public ExecutionGraph? Compile(string runbook, string inventory)
        {
            if (!Has(runbook) || !Has(inventory))
                return null;
            if (_plans.TryGetValue((runbook, inventory), out var known))
                return known;
            ExecutionGraph? plan;
            try
            {
                plan = RunbookEngine.Compile($"{revision}:{runbook}", $"{revision}:{inventory}", options);
            }
            catch (InvalidInputException)
            {
                plan = null; // not a pair at this revision: the runbook is not meant for this inventory, or broken
            }

            _plans[(runbook, inventory)] = plan;
            return plan;
        }

        private bool IsRunbook(string path)
        {
            var bag = new DiagnosticBag();
            return RevisionSource.Read($"{revision}:{path}", bag) is { } text
                && SourceLoader.ParseYaml(text, bag).Root is MappingSyntax map
                && map["runbook"] is not null;
        }

        private static bool IsUnder(string path, string folder, string[] endings) =>
            path.StartsWith(folder + "/", StringComparison.Ordinal)
            && endings.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>How a runbook × inventory pair's plan changed between two revisions.</summary>
public enum AffectedStatus
{
    Added,
    Changed,
    Removed,
}

/// <summary>
/// A runbook × inventory pair whose plan changed: the runbook's path at HEAD (at BASE when removed), the inventory's
/// path, and, for a diff, the runbook's path at BASE (another one when renamed) and both plan hashes.
/// </summary>
public sealed record AffectedPlan(string Runbook, string Inventory, AffectedStatus Status)
{
    public string? BaseRunbook { get; init; }

    public string? BasePlanHash { get; init; }

    public string? HeadPlanHash { get; init; }
}

/// <summary>The pairs, sorted by runbook then inventory, and the runbooks left out (warnings, RB0153).</summary>
public sealed record AffectedResult(IReadOnlyList<AffectedPlan> Plans, IReadOnlyList<Diagnostic> Warnings);
