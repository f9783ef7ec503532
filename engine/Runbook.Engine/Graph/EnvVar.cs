namespace Runbook.Graph;

public sealed record EnvVar(string Name, string Value, string Display);
