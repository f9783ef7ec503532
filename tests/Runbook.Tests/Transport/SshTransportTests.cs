using System.Collections.Concurrent;
using System.Diagnostics;
using Runbook.Lab;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

[Collection(LabCollection.Name)]
public sealed class SshTransportTests(LabFixture lab)
{
    [Fact]
    public async Task Runs_a_command_and_returns_stdout_stderr_and_the_exit_code()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        var result = await connection.RunAsync("echo out; echo err >&2; echo $RUNBOOK_LAB_HOST; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\netcd-1\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.False(result.TimedOut);
        Assert.Equal("etcd-1", connection.Host);
    }

    [Fact]
    public async Task Commands_that_end_at_once_and_commands_that_read_stdin_both_complete()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        for (var i = 0; i < 20; i++) Assert.Equal(0, (await connection.RunAsync("true")).ExitCode);
        var cat = await connection.RunAsync("cat; echo stdin closed", TimeSpan.FromSeconds(10));

        Assert.Equal("stdin closed\n", cat.Stdout);
        Assert.False(cat.TimedOut);
    }

    [Fact]
    public async Task Reuses_one_connection_for_every_command()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);

        // SSH_CLIENT is "client-address client-port server-port": one TCP connection means one client port.
        var first = await connection.RunAsync("echo $SSH_CLIENT");
        var second = await connection.RunAsync("echo $SSH_CLIENT");
        var third = await connection.RunAsync("echo $SSH_CLIENT");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(first.Stdout, third.Stdout);
    }

    [Fact]
    public async Task Runs_commands_concurrently_on_one_connection()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        var watch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => connection.RunAsync($"sleep 1; echo {i}; echo $SSH_CLIENT")));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"8 one-second commands took {watch.Elapsed}");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Stdout.Split('\n')[0]));
        Assert.Single(results.Select(r => r.Stdout.Split('\n')[1]).Distinct());
    }

    [Fact]
    public async Task Exports_env_vars_quoted()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        const string tricky = "it's $HOME; `id` \"quoted\" * \\";
        var command = new RemoteCommand("printf '%s|%s\\n' \"$TRICKY\" \"$PLAIN\"", false, null, [new("TRICKY", tricky), new("PLAIN", "a b")]);

        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal(tricky + "|a b\n", result.Stdout);
    }

    [Fact]
    public async Task Streams_output_lines_as_they_arrive()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        var lines = new ConcurrentQueue<(OutputLine Line, TimeSpan At)>();
        var watch = Stopwatch.StartNew();

        var result = await connection.ExecuteAsync(RemoteCommand.Plain("echo first; echo oops >&2; sleep 1.5; printf last"), l => lines.Enqueue((l, watch.Elapsed)), CancellationToken.None);

        Assert.Equal(
            [new OutputLine(OutputStream.Stdout, "first"), new OutputLine(OutputStream.Stderr, "oops"), new OutputLine(OutputStream.Stdout, "last")],
            lines.Select(l => l.Line).OrderBy(l => l.Text == "last").ThenBy(l => l.Stream).ToList());
        Assert.True(lines.First(l => l.Line.Text == "first").At < result.Duration - TimeSpan.FromSeconds(1), "the first line came only at the end");
        Assert.Equal("first\nlast", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
    }

    [Fact]
    public async Task A_lost_connection_makes_the_host_unreachable()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);
        var session = (await connection.RunAsync("echo $PPID")).Stdout.Trim(); // the sshd process of this connection

        await LabProcesses.RunAsync("kill", ["-KILL", session], CancellationToken.None);
        await Task.Delay(200);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.RunAsync("true"));
        Assert.Equal("worker-1", error.Host);
        Assert.StartsWith("the connection was lost: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_with_nothing_listening_is_unreachable_quickly()
    {
        var host = lab.Host("etcd-1") with { Name = "ghost", Address = "127.0.0.99" };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => lab.Transport.ConnectAsync(host, CancellationToken.None));

        Assert.Equal("ghost", error.Host);
        Assert.Equal($"connection refused at 127.0.0.99:{host.Port}", error.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_host_that_never_answers_times_out_after_the_connect_timeout()
    {
        // Accepts TCP connections and never says a word, like a host whose sshd hangs.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse("127.0.0.98"), 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var transport = new SshTransport(lab.TransportOptions() with { ConnectTimeout = TimeSpan.FromSeconds(1) });
        var host = lab.Host("etcd-1") with { Name = "silent", Address = "127.0.0.98", Port = port };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => transport.ConnectAsync(host, CancellationToken.None));

        Assert.Equal($"connection to 127.0.0.98:{port} timed out after 1 s", error.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_key_the_host_does_not_accept_is_an_authentication_failure()
    {
        var key = Path.Combine(lab.Directory, "lab", "hosts", "etcd-1", "ssh_host_ed25519_key");
        var host = lab.Host("etcd-1") with { IdentityFile = key };

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => lab.Transport.ConnectAsync(host, CancellationToken.None));

        // The fixture's home directory is the lab's temp dir, so the key is shown relative to it, like ~/.ssh/id_ed25519.
        Assert.Equal("authentication failed for user root with key ~/lab/hosts/etcd-1/ssh_host_ed25519_key", error.Reason);
    }
}
