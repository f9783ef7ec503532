namespace Runbook.Transport;

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr, TimeSpan Duration, bool TimedOut);
