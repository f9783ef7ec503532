using System.Collections.Immutable;

namespace Runbook.Graph;

/// <summary>A batch: its hosts run their steps concurrently; its gates run after every host is done.</summary>
public sealed record BatchNode(string Id, int Number, ImmutableArray<string> Hosts, ImmutableArray<BatchSegment> Segments, ImmutableArray<GateNode> Gates);
