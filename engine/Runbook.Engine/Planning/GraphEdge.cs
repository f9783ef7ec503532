namespace Runbook.Planning;

/// <summary>"<see cref="To"/> starts only after <see cref="From"/> finished" (and, with a <see cref="When"/>,
/// only when it ended so: "failed" for the edge into an 'on_failure' list).</summary>
internal sealed record GraphEdge(string From, string To, string? When = null);
