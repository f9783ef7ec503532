using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Runbook.Errors;

namespace Runbook.Transport.Agent;

/// <summary>
/// An ssh-agent could not be used: its socket is missing, refuses connections or does not answer in time. Before a
/// run this is bad input (the CLI exits 2 and runs nothing); the message names the socket and where it came from.
/// </summary>
public sealed class SshAgentException(string message) : RunbookException(message);

/// <summary>One key the agent holds: its public key blob (a key or a certificate) and comment.</summary>
internal sealed record AgentIdentity(byte[] Blob, string Comment)
{
    /// <summary>
    /// The key type the blob starts with: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, …-cert-v01@….
    /// </summary>
    public string KeyType => SshWire.ReadString(Blob, 0, out _) is { } type ? Encoding.ASCII.GetString(type) : "";
}

/// <summary>The flags of SSH_AGENTC_SIGN_REQUEST that pick the hash of an RSA signature.</summary>
[Flags]
internal enum AgentSignFlags
{
    None = 0,
    RsaSha256 = 2,
    RsaSha512 = 4,
}

/// <summary>
/// A client of the ssh-agent protocol (draft-miller-ssh-agent) over its Unix socket: the two requests a client
/// needs, SSH_AGENTC_REQUEST_IDENTITIES and SSH_AGENTC_SIGN_REQUEST. Each request opens its own connection, so one
/// client serves every concurrent SSH handshake of a run; every read and write has a time limit, so an agent that
/// hangs is an error, not a hung run.
/// </summary>
internal sealed class SshAgentClient(string socketPath, string source, TimeSpan timeout)
{
    /// <summary>The environment variable that names the agent's socket.</summary>
    public const string EnvironmentVariable = "SSH_AUTH_SOCK";

    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const byte Failure = 5;

    /// <summary>ssh-agent's own limit on a message (MAX_AGENT_REPLY_LEN).</summary>
    private const int MaxMessage = 256 * 1024;

    public string SocketPath { get; } = socketPath;

    /// <summary>
    /// Where the socket path came from, for messages: "SSH_AUTH_SOCK", "IdentityAgent at FILE:LINE:COL".
    /// </summary>
    public string Source { get; } = source;

    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var reply = Request([RequestIdentities]);
        if (reply.Length == 0 || reply[0] != IdentitiesAnswer)
            throw Refused("listing its keys", reply);
        var offset = 1;
        if (reply.Length < 5)
            throw Malformed();
        var count = SshWire.ReadUInt32(reply, ref offset);
        var identities = new List<AgentIdentity>();
        for (var i = 0; i < count; i++)
        {
            var blob = SshWire.ReadString(reply, offset, out offset) ?? throw Malformed();
            var comment = SshWire.ReadString(reply, offset, out offset) ?? throw Malformed();
            identities.Add(new AgentIdentity(blob, Encoding.UTF8.GetString(comment)));
        }

        return identities;
    }

    /// <summary>The agent's signature of <paramref name="data"/>: string algorithm, string blob (RFC 4253).</summary>
    public byte[] Sign(byte[] keyBlob, byte[] data, AgentSignFlags flags)
    {
        ArgumentNullException.ThrowIfNull(keyBlob);
        ArgumentNullException.ThrowIfNull(data);
        var request = new List<byte> { SignRequest };
        SshWire.WriteString(request, keyBlob);
        SshWire.WriteString(request, data);
        SshWire.WriteUInt32(request, (uint)flags);
        var reply = Request([.. request]);
        if (reply.Length == 0 || reply[0] != SignResponse)
            throw Refused("signing", reply);
        return SshWire.ReadString(reply, 1, out _) ?? throw Malformed();
    }

    private byte[] Request(byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
            SendTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            if (!File.Exists(SocketPath) && !Directory.Exists(SocketPath))
                throw Unusable("the socket does not exist");
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            var framed = new byte[4 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)message.Length);
            message.CopyTo(framed, 4);
            socket.Send(framed);
            var header = ReadExactly(socket, 4);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > MaxMessage)
                throw Malformed();
            return ReadExactly(socket, (int)length);
        }
        catch (SocketException ex)
        {
            throw Unusable(
                ex.SocketErrorCode switch
                {
                    SocketError.TimedOut or SocketError.WouldBlock =>
                        $"it did not answer within {timeout.TotalSeconds:0.#} s",
                    SocketError.ConnectionRefused => "nothing listens on it (connection refused)",
                    SocketError.AccessDenied => "permission denied",
                    SocketError.AddressNotAvailable => "the socket does not exist",
                    _ => ex.Message,
                }
            );
        }
        catch (IOException ex)
        {
            throw Unusable(ex.Message);
        }
    }

    private byte[] ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
                throw Unusable("it closed the connection without an answer");
            read += n;
        }

        return buffer;
    }

    private SshAgentException Unusable(string reason) =>
        new(
            $"cannot use the ssh-agent at {SocketPath} ({Source}): {reason}; start the agent and add keys with "
                + "ssh-add, "
                + (
                    Source == EnvironmentVariable
                        ? $"or unset {EnvironmentVariable} to use key files only"
                        : "or write 'IdentityAgent none' to use key files only"
                )
        );

    private SshAgentException Refused(string what, byte[] reply) =>
        new(
            $"the ssh-agent at {SocketPath} ({Source}) refused {what}"
                + (
                    reply.Length > 0 && reply[0] == Failure
                        ? ""
                        : $" (answer type {(reply.Length > 0 ? reply[0] : -1)})"
                )
        );

    private SshAgentException Malformed() => new($"the ssh-agent at {SocketPath} ({Source}) sent a malformed answer");
}

/// <summary>The SSH wire encoding of uint32 and string (RFC 4251 5).</summary>
internal static class SshWire
{
    public static uint ReadUInt32(byte[] data, ref int offset)
    {
        if (offset + 4 > data.Length)
            throw new FormatException("truncated");
        var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
        offset += 4;
        return value;
    }

    /// <summary>The string at <paramref name="offset"/>, or null when the data is too short.</summary>
    public static byte[]? ReadString(byte[] data, int offset, out int next)
    {
        next = offset;
        if (offset + 4 > data.Length)
            return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
        if (length > data.Length - offset - 4)
            return null;
        next = offset + 4 + (int)length;
        return data.AsSpan(offset + 4, (int)length).ToArray();
    }

    public static void WriteUInt32(List<byte> target, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        target.AddRange(bytes);
    }

    public static void WriteString(List<byte> target, byte[] value)
    {
        WriteUInt32(target, (uint)value.Length);
        target.AddRange(value);
    }
}
