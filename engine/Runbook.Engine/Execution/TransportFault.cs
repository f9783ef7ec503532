using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Runbook.Execution;

/// <summary>
/// A transport's failure in words, for a step's or gate's "why": what happened to the host, not an exception's name.
/// </summary>
internal static class TransportFault
{
    /// <summary>The status and the words a step or gate attempt reports for <paramref name="ex"/>.</summary>
    public static (StepStatus Status, string Why) Describe(Exception ex) =>
        ex switch
        {
            // A host declared dead by its keepalives (or lost) while a gate's check ran on it: the reason is in words.
            Transport.HostUnreachableException unreachable => (StepStatus.Unreachable, unreachable.Reason),
            SshOperationTimeoutException => (
                StepStatus.TimedOut,
                "timed out: the host stopped answering over SSH (its sshd or the host may be frozen)"
            ),
            SshConnectionException or ObjectDisposedException => (
                StepStatus.Failed,
                "the connection to the host was lost: " + ex.Message
            ),
            SocketException socket => (StepStatus.Failed, "network error talking to the host: " + socket.Message),
            _ => (StepStatus.Failed, "transport error: " + ex.Message),
        };
}
