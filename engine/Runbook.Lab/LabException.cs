using Runbook.Errors;

namespace Runbook.Lab;

/// <summary>The lab could not be started (sshd missing and not installable, failed to start or to listen).</summary>
public sealed class LabException(string message) : RunbookException(message);
