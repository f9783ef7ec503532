using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Runbook.Transport;

/// <summary>Turns what SSH.NET and sockets throw while connecting into a readable <see cref="HostUnreachableException"/>.</summary>
internal static class ConnectFailure
{
    public static HostUnreachableException From(
        Exception ex,
        HostEndpoint host,
        string user,
        string credentials,
        TimeSpan timeout
    )
    {
        var at = $"{host.Address}:{host.Port}";
        var reason = Innermost(ex) switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"connection refused at {at}",
            SocketException { SocketErrorCode: SocketError.TimedOut }
            or SshOperationTimeoutException
            or OperationCanceledException
            or TimeoutException => $"connection to {at} timed out after {timeout.TotalSeconds:0.#} s",
            SocketException
            {
                SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
            } => $"cannot resolve {host.Address}",
            SocketException s => $"cannot connect to {at}: {s.Message}",
            SshAuthenticationException => $"authentication failed for user {user} with {credentials}",
            Agent.SshAgentException a => a.Message,
            SshConnectionException c => $"the SSH connection to {at} failed: {c.Message}",
            ProxyException p => $"the tunnel to {at} failed: {p.Message}",
            SshException s => $"SSH error at {at}: {s.Message}",
            var other => $"cannot connect to {at}: {other.Message}",
        };
        return new HostUnreachableException(host.Name, reason);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex is AggregateException { InnerException: { } inner })
            ex = inner;
        if (ex is SshConnectionException { InnerException: SocketException socket })
            return socket;
        return ex;
    }
}
