using Runbook.Transport;

namespace Runbook.Tests.Execution.Fakes;

/// <param name="local">A connection to the controller (a step's 'on: local') for <paramref name="host"/>: its
/// replies are scripted for the host "local:HOST".</param>
internal sealed class FakeConnection(FakeTransport transport, string host, bool local = false) : IHostConnection
{
    public string Host => host;

    public bool Disposed { get; private set; }

    public async Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    )
    {
        Assert.False(Disposed, $"a command ran on the closed connection to {host}");
        var started = transport.Tick();
        transport.Enter();
        transport.OnStart?.Invoke(host, command.Script);
        try
        {
            await Task.Delay(transport.Latency, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            transport.Executions.Enqueue(
                new FakeExecution(host, command, started, transport.Tick(), Cancelled: true, this, local)
            );
            throw;
        }
        finally
        {
            transport.Leave();
        }

        var reply = transport.Reply(local ? "local:" + host : host, command.Script);
        if (reply.Throws is { } error)
            throw error;
        foreach (var line in Lines(reply.Stdout))
            onOutput?.Invoke(new OutputLine(OutputStream.Stdout, line));
        foreach (var line in Lines(reply.Stderr))
            onOutput?.Invoke(new OutputLine(OutputStream.Stderr, line));
        transport.Executions.Enqueue(
            new FakeExecution(host, command, started, transport.Tick(), Cancelled: false, this, local)
        );
        return new CommandResult(reply.Exit, reply.Stdout, reply.Stderr, transport.Latency, reply.TimedOut);
    }

    /// <summary>Reads the whole input (tests send small files), keeps it in <see cref="FakeTransport.Sent"/>, then
    /// replies as <see cref="ExecuteAsync"/> does.</summary>
    public async Task<CommandResult> SendAsync(
        RemoteCommand command,
        Stream input,
        CancellationToken cancellationToken
    )
    {
        using var bytes = new MemoryStream();
        await input.CopyToAsync(bytes, cancellationToken);
        transport.Sent.Enqueue((host, command.Script, bytes.ToArray()));
        return await ExecuteAsync(command, null, cancellationToken);
    }

    /// <summary>Replies as <see cref="ExecuteAsync"/> does, with the reply's stdout as the bytes received.</summary>
    public async Task<CommandResult> ReceiveAsync(
        RemoteCommand command,
        Stream output,
        CancellationToken cancellationToken
    )
    {
        var result = await ExecuteAsync(command, null, cancellationToken);
        await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(result.Stdout), cancellationToken);
        return result with { Stdout = string.Empty };
    }

    public ValueTask DisposeAsync()
    {
        Assert.False(Disposed, $"the connection to {host} was closed twice");
        Disposed = true;
        if (!local)
            transport.Closed(); // local connections are not counted as open SSH connections

        return ValueTask.CompletedTask;
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
