namespace Runbook.Cli.Transport;

/// <summary>What <c>runbook run</c> hands the SSH transport from its command line.</summary>
internal sealed record TransportOptions(HostKeyPolicy HostKeyPolicy);
