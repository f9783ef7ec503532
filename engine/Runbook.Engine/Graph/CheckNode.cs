using Runbook.Model;

namespace Runbook.Graph;

/// <summary>A verify: run <see cref="Command"/> every <see cref="Every"/> until <see cref="Expect"/> holds or <see cref="Within"/> runs out.</summary>
public sealed record CheckNode(Command Command, Expectation Expect, Duration Every, Duration Within);
