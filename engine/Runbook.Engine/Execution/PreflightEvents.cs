namespace Runbook.Execution;

/// <summary>The preflight began: before any step, every host the plan touches is checked.</summary>
/// <param name="Hosts">How many hosts it checks.</param>
public sealed record PreflightStarted(int Hosts) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}

/// <summary>
/// One host's preflight: <see cref="StepStatus.Ok"/>, <see cref="StepStatus.Unreachable"/> (no connection, host key
/// or authentication refused) or <see cref="StepStatus.Failed"/> (sudo refused, commands missing).
/// </summary>
/// <param name="Problems">What is wrong, one entry per problem; empty when the host is ready.</param>
public sealed record PreflightChecked(string Host, StepStatus Status, IReadOnlyList<string> Problems) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Problems = [.. Problems.Select(mask)] };
}

/// <summary>The preflight ended: <paramref name="Failed"/> of <paramref name="Hosts"/> hosts have problems.</summary>
public sealed record PreflightFinished(int Hosts, int Failed, TimeSpan Duration) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}
