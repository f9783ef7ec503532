using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>Reads a phase's <c>accept_risks</c>: a mapping from a plan safety code (RB1001, RB1002) to the reason.</summary>
internal static class AcceptedRiskReader
{
    private static readonly string[] Acceptable = [.. Codes.AcceptableRisks.Select(c => c.Id)];

    public static List<AcceptedRisk> Read(NodeReader r, SyntaxNode? node, string where)
    {
        var risks = new List<AcceptedRisk>();
        if (r.Mapping(node, "'accept_risks'") is not { } map)
            return risks;
        foreach (var (key, value) in map.Entries)
        {
            if (!Acceptable.Contains(key.Value, StringComparer.Ordinal))
            {
                var what = key.Value.StartsWith("RB1", StringComparison.Ordinal)
                    ? "is a change rule of runbook diff, not a warning about the plan"
                    : "is not a safety warning";
                r.Diagnostics.Error(
                    Codes.UnacceptableRisk,
                    key.Span,
                    $"'{key.Value}' in 'accept_risks' of {where} {what}",
                    $"{where} can accept {string.Join(", ", Acceptable.SkipLast(1))} and {Acceptable.Last()}"
                );
                continue;
            }

            var reason = r.Scalar(value, $"the reason for accepting {key.Value}");
            if (reason is null)
                continue;
            if (reason.IsNull || string.IsNullOrWhiteSpace(reason.Value))
            {
                r.Diagnostics.Error(
                    Codes.MissingKey,
                    value.Span,
                    $"accepting {key.Value} in {where} needs a reason",
                    $"write why after the code, for reviewers, like {key.Value}: the cluster is already down, so "
                        + $"every member stops"
                );
                continue;
            }

            risks.Add(new AcceptedRisk(key.Value, reason.Value.Trim(), key.Span));
        }

        return risks;
    }
}
