using System.Globalization;
using System.Reflection;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Messages;
using Renci.SshNet.Messages.Connection;

namespace Runbook.Transport;

/// <summary>
/// How a connection finds out that its host stopped answering: a keepalive every <see cref="Interval"/> (zero: none),
/// the host declared dead once <see cref="CountMax"/> of them in a row went unanswered, as OpenSSH's
/// ServerAliveInterval and ServerAliveCountMax do.
/// </summary>
internal sealed record KeepAliveSettings(TimeSpan Interval, int CountMax)
{
    public bool Enabled => Interval > TimeSpan.Zero;

    /// <summary>How long the host may stay silent before it is declared dead, in seconds.</summary>
    public double DeadlineSeconds => Interval.TotalSeconds * CountMax;

    /// <summary>The timer's period: the interval, within what a timer takes (ssh_config allows 68 years).</summary>
    public TimeSpan Period => Interval < MaxPeriod ? Interval : MaxPeriod;

    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(24);
}

/// <summary>
/// Dead-peer detection for one SSH connection, the way OpenSSH's client does it: a <c>keepalive@openssh.com</c>
/// global request with want-reply every interval, which any SSH server answers (OpenSSH with REQUEST_FAILURE, as it
/// does for every request it does not know). SSH.NET's own KeepAliveInterval sends SSH_MSG_IGNORE, which needs no
/// answer: a host whose sshd is frozen (SIGSTOP, a hung VM) still has its kernel acknowledge TCP, so neither that nor
/// TCP keepalive ever notices it. SSH.NET has no public way to send a global request, so this uses three internals of
/// the pinned SSH.NET (2026.0.0): <c>BaseClient.Session</c>, the <c>GlobalRequestMessage(byte[], bool)</c> constructor
/// and <c>Session.SendMessage</c>; the replies come through Session's public events. <see cref="Unsupported"/> says
/// which of them moved, and a unit test fails on it, so an upgrade of SSH.NET cannot silently lose the detection.
/// </summary>
internal sealed class SshKeepAlive : IDisposable
{
    private const string RequestName = "keepalive@openssh.com";
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly PropertyInfo? SessionProperty = typeof(BaseClient).GetProperty("Session", Internal);

    private static readonly ConstructorInfo? RequestConstructor = typeof(GlobalRequestMessage).GetConstructor(
        Internal,
        [typeof(byte[]), typeof(bool)]
    );

    private static readonly MethodInfo? SendMethod = typeof(Session).GetMethod(
        "SendMessage",
        Internal,
        [typeof(Message)]
    );

    private readonly Session _session;
    private readonly string _host;
    private readonly KeepAliveSettings _settings;
    private readonly Action _onDead;
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiting = new();
    private readonly TaskCompletionSource<string> _dead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer? _timer;
    private int _unanswered;
    private bool _disposed;

    private SshKeepAlive(Session session, string host, KeepAliveSettings settings, Action onDead)
    {
        (_session, _host, _settings, _onDead) = (session, host, settings, onDead);
        _session.RequestSuccessReceived += OnReply;
        _session.RequestFailureReceived += OnReply;
        if (settings.Enabled)
            _timer = new Timer(_ => Tick(), null, settings.Period, settings.Period);
    }

    /// <summary>
    /// The SSH.NET internals this needs that cannot be found (their names), or null when all are there.
    /// </summary>
    public static string? Unsupported
    {
        get
        {
            var missing = new List<string>();
            if (SessionProperty is null || !typeof(Session).IsAssignableTo(SessionProperty.PropertyType))
                missing.Add("BaseClient.Session");
            if (RequestConstructor is null)
                missing.Add("GlobalRequestMessage(byte[], bool)");
            if (SendMethod is null)
                missing.Add("Session.SendMessage(Message)");
            return missing.Count == 0 ? null : string.Join(", ", missing);
        }
    }

    /// <summary>
    /// Starts watching a connected <paramref name="client"/>; <paramref name="onDead"/> runs once when the host is
    /// declared dead. Null when this SSH.NET lacks the internals (<see cref="Unsupported"/>).
    /// </summary>
    public static SshKeepAlive? Start(SshClient client, string host, KeepAliveSettings settings, Action onDead)
    {
        if (Unsupported is not null || SessionProperty!.GetValue(client) is not Session session)
            return null;
        return new SshKeepAlive(session, host, settings, onDead);
    }

    /// <summary>Completes, with the reason in words, when the host is declared dead.</summary>
    public Task<string> Dead => _dead.Task;

    /// <summary>Why the host was declared dead, or null while it is not.</summary>
    public string? DeadReason => _dead.Task.IsCompleted ? _dead.Task.Result : null;

    /// <summary>
    /// Sends one keepalive now and waits up to <paramref name="within"/> for its answer: true when the host answered
    /// (any answer proves it is alive), false otherwise. It does not declare the host dead.
    /// </summary>
    public async Task<bool> PingAsync(TimeSpan within)
    {
        if (Send() is not { } waiter)
            return false;
        try
        {
            return await waiter.Task.WaitAsync(within).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>One beat: the host is dead when the last CountMax keepalives went unanswered, else send one.</summary>
    private void Tick()
    {
        lock (_lock)
        {
            if (_disposed || _dead.Task.IsCompleted)
                return;
            if (_unanswered < _settings.CountMax)
            {
                _unanswered++;
            }
            else
            {
                Declare();
                return;
            }
        }

        Send();
    }

    private void Declare()
    {
        var count = _settings.CountMax;
        var seconds = _settings.DeadlineSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var reason =
            $"no answer from {_host} for {seconds} s ({count} keepalive{(count == 1 ? "" : "s")} unanswered); "
            + "the host or its sshd is frozen, or the network to it is down";
        if (!_dead.TrySetResult(reason))
            return;
        _timer?.Dispose();
        FailWaiters();
        _onDead();
    }

    /// <summary>Queues a waiter for the answer and sends the request off the caller's thread.</summary>
    private TaskCompletionSource<bool>? Send()
    {
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_disposed || _dead.Task.IsCompleted)
                return null;
            _waiting.Enqueue(waiter);
        }

        // A send can block (a full socket buffer towards a frozen host, a key exchange in progress): never on the
        // timer's or a step's thread. The answers come in the order the requests went out, and any answer proves the
        // host alive, so which waiter an answer completes does not matter.
        _ = Task.Run(() =>
        {
            try
            {
                var name = Encoding.ASCII.GetBytes(RequestName);
                var request = (Message)RequestConstructor!.Invoke([name, true]);
                SendMethod!.Invoke(_session, [request]);
            }
            catch (TargetInvocationException)
            {
                // Not connected any more (the connection's own operations report that), or a send that timed out:
                // the request stays unanswered and counts as such.
            }
        });
        return waiter;
    }

    private void OnReply(object? sender, EventArgs e)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_lock)
        {
            _unanswered = 0;
            _waiting.TryDequeue(out waiter);
        }

        waiter?.TrySetResult(true);
    }

    private void FailWaiters()
    {
        List<TaskCompletionSource<bool>> waiting;
        lock (_lock)
        {
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var waiter in waiting)
            waiter.TrySetResult(false);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }

        _timer?.Dispose();
        _session.RequestSuccessReceived -= OnReply;
        _session.RequestFailureReceived -= OnReply;
        FailWaiters();
    }
}
