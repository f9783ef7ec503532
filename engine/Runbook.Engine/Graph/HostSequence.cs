using System.Collections.Immutable;

namespace Runbook.Graph;

public sealed record HostSequence(string Host, ImmutableArray<StepNode> Steps);
