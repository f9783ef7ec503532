namespace Runbook.Errors;

/// <summary>The command line was wrong: a missing file argument, a malformed --param.</summary>
public sealed class UsageException(string message) : RunbookException(message);
