using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Graph;

/// <summary>
/// A gate: a segment after a batch's steps. With <see cref="TargetMode.Any"/> it passes on the first reachable
/// candidate; with All it must
/// pass on every candidate. <see cref="PerHost"/> is empty when the check renders the same for every candidate.
/// <see cref="Become"/> runs the check with sudo.
/// </summary>
public sealed record GateNode(
    string Id,
    string Name,
    TargetMode Mode,
    string Target,
    ImmutableArray<string> Candidates,
    CheckNode Check,
    ImmutableArray<GateTarget> PerHost,
    bool Become,
    SourceSpan Span
) : BatchSegment
{
    /// <summary>
    /// A precondition ('preconditions'): checked before the batch's steps rather than after them. Not a segment of the
    /// batch (see <see cref="BatchNode.Preconditions"/>).
    /// </summary>
    public bool IsPrecondition { get; init; }

    /// <summary>'requires': commands the check needs on its candidates; the preflight checks them.</summary>
    public ImmutableArray<string> Requires { get; init; } = [];

    /// <summary>The file an include brought the gate in from, relative to the runbook's folder; null when the runbook
    /// itself says it.</summary>
    public string? IncludedFrom { get; init; }

    /// <summary>A gate runs checks, not steps.</summary>
    public override IEnumerable<StepNode> Steps => [];

    public CheckNode CheckFor(string host)
    {
        foreach (var t in PerHost)
        {
            if (t.Host == host)
                return t.Check;
        }

        return Check;
    }
}
