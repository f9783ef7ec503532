using Runbook.Errors;

namespace Runbook.Transport;

/// <summary>A host could not be connected to or authenticated with; the executor counts it as failed (exit 3).</summary>
public class HostUnreachableException(string host, string reason) : RunbookException($"{host}: {reason}")
{
    public string Host { get; } = host;

    public string Reason { get; } = reason;
}
