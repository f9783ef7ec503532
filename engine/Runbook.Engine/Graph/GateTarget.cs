namespace Runbook.Graph;

public sealed record GateTarget(string Host, CheckNode Check);
