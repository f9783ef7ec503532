using Runbook.Graph;
using Runbook.Diffing;
using Runbook.Planning;

namespace Runbook;

public static partial class RunbookEngine
{
    /// <summary>
    /// The plan's hash, <c>sha256:</c> and 64 hex digits: over the compiled plan, the runbook and its includes, the
    /// inventory, the params, the limit and the hosts' SSH endpoints, secrets masked (docs/ci.md). Plans and diffs
    /// print it; a reviewer approves it; <see cref="CheckPlan"/> compares it.
    /// </summary>
    public static string PlanHashOf(ExecutionGraph plan) => PlanHash.Of(plan).Hash;

    /// <summary>The plan file <c>runbook plan --out</c> writes: the JSON plan with its hash and its parts'
    /// hashes.</summary>
    public static string PlanFileOf(ExecutionGraph plan) => PlanFile.Render(plan);

    /// <summary>
    /// Compares <paramref name="plan"/>, compiled now, with the reviewed plan file at <paramref name="planFile"/>.
    /// An unreadable file, or one that is not a plan file, throws <see cref="Errors.InvalidInputException"/>.
    /// </summary>
    public static PlanCheck CheckPlan(string planFile, ExecutionGraph plan) => PlanFile.Check(planFile, plan);

    /// <summary>
    /// The empty plan a new runbook's plan is compared with (<c>runbook diff /dev/null HEAD:x.yaml</c>): no phases, no
    /// params, no hash, so every phase shows as added with the risk notes of the new plan.
    /// </summary>
    public static ExecutionGraph EmptyPlan(ExecutionGraph like) => PlanHash.Empty(like);

    /// <summary>
    /// Every runbook × inventory pair whose compiled plan differs between two git revisions of the repository in
    /// the current directory (<c>runbook affected</c>; docs/ci.md): runbooks under runbooks/, inventories the ones
    /// given or every one directly under inventories/ that the runbook compiles against.
    /// </summary>
    public static AffectedResult Affected(
        string baseRevision,
        string headRevision,
        IReadOnlyList<string> inventories,
        Compilation.CompileOptions? options = null
    ) =>
        AffectedPlans.Find(
            baseRevision,
            headRevision,
            inventories,
            options ?? Compilation.CompileOptions.Default
        );
}
