namespace Runbook.Graph;

/// <summary>"<see cref="To"/> starts only after <see cref="From"/> finished."</summary>
public sealed record GraphEdge(string From, string To);
