namespace Runbook.Planning;

/// <summary>"<see cref="To"/> starts only after <see cref="From"/> finished."</summary>
internal sealed record GraphEdge(string From, string To);
