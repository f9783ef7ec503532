using Runbook.Errors;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Cli.Transport;

/// <summary>The one place that builds the real transport for <c>runbook run</c>.</summary>
internal static class TransportFactory
{
    /// <summary>The SSH transport (Runbook.Transport.SshTransport) is built on another branch and wired in here at merge.</summary>
    public static ITransport Create(InventoryDefinition inventory, TransportOptions options) =>
        throw new UsageException("the SSH transport is not available in this build");
}
