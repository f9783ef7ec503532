namespace Runbook.Diagnostics;

/// <summary>The codes of reviewed plans and runbook affected (RB015x): part of the catalogue in Codes.cs.</summary>
public static partial class Codes
{
    // ---------------------------------------------------------------------------------------------------------------
    // Reviewed plans (runbook plan --out, runbook run --plan; docs/ci.md) and runbook affected.
    // ---------------------------------------------------------------------------------------------------------------
    public static readonly DiagnosticCode PlanFileUnreadable = new(
        "RB0150",
        "plan file cannot be read",
        "write it with 'runbook plan RUNBOOK -i INVENTORY --out plan.json' and give that file"
    );
    public static readonly DiagnosticCode PlanFileInvalid = new(
        "RB0151",
        "not a plan file",
        "give the file 'runbook plan … --out FILE' wrote, unchanged"
    );
    public static readonly DiagnosticCode PlanChanged = new(
        "RB0152",
        "plan differs from the reviewed plan",
        "nothing ran: review the new plan (runbook plan … --out FILE) and approve its hash, or run the reviewed files"
    );
    public static readonly DiagnosticCode AffectedSkipped = new(
        "RB0153",
        "runbook left out of runbook affected",
        "run 'runbook validate' on it with -i for why"
    );
}
