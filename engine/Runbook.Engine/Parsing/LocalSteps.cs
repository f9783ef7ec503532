using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>What the reader checks of a step with 'on: local' (it runs on the controller, not over SSH).</summary>
internal static class LocalSteps
{
    /// <summary>
    /// 'become' with 'on: local' is refused: sudo on the operator's machine is not what a runbook for remote hosts
    /// should do quietly, and a password prompt there would hang an unattended run.
    /// </summary>
    public static void ReportBecome(NodeReader r, MappingSyntax map, string where) =>
        r.Diagnostics.Error(
            Codes.LocalBecome,
            map["become"]?.Span ?? map.Span,
            $"{where} runs on the controller ('on: local') and cannot use 'become'"
        );
}
