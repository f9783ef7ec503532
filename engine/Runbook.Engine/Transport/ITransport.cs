namespace Runbook.Transport;

/// <summary>Opens connections to hosts. The SSH transport is the real one; tests may use an in-process one.</summary>
public interface ITransport
{
    /// <summary>
    /// Connects to a host's endpoint, as the compiled plan resolved it (through its jump host, if any; the SSH
    /// transport fills in what the inventory left open from ssh_config). Throws
    /// <see cref="HostUnreachableException"/> when the host cannot be reached or authenticated, and
    /// <see cref="HostKeyRejectedException"/> when its key is not trusted.
    /// </summary>
    Task<IHostConnection> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken);

    /// <summary>
    /// A connection that runs commands on the controller, the machine running runbook, for a step with
    /// 'on: local': <paramref name="host"/> is the batch host it runs for. By default a local shell; an in-process
    /// transport (tests) answers these commands itself.
    /// </summary>
    Task<IHostConnection> ConnectLocalAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult<IHostConnection>(new LocalHostConnection(host));
}

/// <summary>Opening a plan host's connection the way its endpoint says.</summary>
internal static class TransportExtensions
{
    /// <summary>
    /// The connection to <paramref name="host"/>: on the controller for a host the inventory reaches with
    /// ansible_connection=local (<see cref="HostEndpoint.Local"/>), over the transport's SSH otherwise.
    /// </summary>
    public static Task<IHostConnection> OpenAsync(
        this ITransport transport,
        HostEndpoint host,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(host);
        return host.Local
            ? transport.ConnectLocalAsync(host.Name, cancellationToken)
            : transport.ConnectAsync(host, cancellationToken);
    }
}
