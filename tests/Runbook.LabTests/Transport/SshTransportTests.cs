using System.Collections.Concurrent;
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

        for (var i = 0; i < 20; i++)
            Assert.Equal(0, (await connection.RunAsync("true")).ExitCode);
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
        var barrier = $"/tmp/runbook-barrier-{Guid.NewGuid():N}";

        // Each command checks in, then waits until all eight have: run one after another, the first would wait
        // for the others until its 20 s give up, so eight answers prove the eight ran at the same time.
        var results = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    connection.RunAsync(
                        $"mkdir -p {barrier} && touch {barrier}/{i}; for _ in $(seq 400); do [ $(ls {barrier} | wc "
                            + $"-l) -ge 8 ] && break; sleep 0.05; done; "
                            + $"[ $(ls {barrier} | wc -l) -ge 8 ] || exit 9; echo {i}; echo $SSH_CLIENT"
                    )
                )
        );
        await connection.RunAsync($"rm -rf {barrier}");

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            results.Select(r => r.Stdout.Split('\n')[0])
        );
        Assert.Single(results.Select(r => r.Stdout.Split('\n')[1]).Distinct());
    }

    [Fact]
    public async Task Exports_env_vars_quoted()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        const string tricky = "it's $HOME; `id` \"quoted\" * \\";
        var command = new RemoteCommand(
            "printf '%s|%s\\n' \"$TRICKY\" \"$PLAIN\"",
            false,
            null,
            [new("TRICKY", tricky), new("PLAIN", "a b")]
        );

        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal(tricky + "|a b\n", result.Stdout);
    }

    [Fact]
    public async Task Streams_output_lines_as_they_arrive()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        var lines = new ConcurrentQueue<OutputLine>();
        var seen = $"/tmp/runbook-seen-{Guid.NewGuid():N}";

        // The command prints "last" only once this side has received "first" (the callback creates the file it waits
        // for), so it ends with "last" only when lines are handed over as they arrive, not at the end.
        var result = await connection.ExecuteAsync(
            RemoteCommand.Plain(
                $"echo first; echo oops >&2; for _ in $(seq 400); do [ -e {seen} ] && break; sleep 0.05; done; rm "
                    + $"-f {seen} && printf last"
            ),
            l =>
            {
                lines.Enqueue(l);
                if (l.Text == "first")
                    File.WriteAllText(seen, "");
            },
            CancellationToken.None
        );

        Assert.Equal(
            [
                new OutputLine(OutputStream.Stdout, "first"),
                new OutputLine(OutputStream.Stderr, "oops"),
                new OutputLine(OutputStream.Stdout, "last"),
            ],
            lines.OrderBy(l => l.Text == "last").ThenBy(l => l.Stream).ToList()
        );
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
    public async Task An_address_with_nothing_listening_is_unreachable_as_connection_refused()
    {
        var host = lab.Host("etcd-1") with { Name = "ghost", Address = "127.0.0.99" };

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            lab.Transport.ConnectAsync(host, CancellationToken.None)
        );

        Assert.Equal("ghost", error.Host);
        Assert.Equal($"connection refused at 127.0.0.99:{host.Port}", error.Reason);
    }

    [Fact]
    public async Task A_host_that_never_answers_times_out_after_the_connect_timeout()
    {
        // Accepts TCP connections and never says a word, like a host whose sshd hangs.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse("127.0.0.98"), 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var transport = new SshTransport(
            lab.TransportOptions() with
            {
                ConnectTimeout = TimeSpan.FromSeconds(1),
            }
        );
        var host = lab.Host("etcd-1") with { Name = "silent", Address = "127.0.0.98", Port = port };

        // The listener never answers: ending within a minute at all is the connect time-out at work.
        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1))
        );

        Assert.Equal($"connection to 127.0.0.98:{port} timed out after 1 s", error.Reason);
    }

    [Fact]
    public async Task A_key_the_host_does_not_accept_is_an_authentication_failure()
    {
        var key = Path.Combine(lab.Directory, "lab", "hosts", "etcd-1", "ssh_host_ed25519_key");
        var host = lab.Host("etcd-1") with { IdentityFile = key };

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            lab.Transport.ConnectAsync(host, CancellationToken.None)
        );

        // The fixture's home directory is the lab's temp dir, so the key is shown relative to it, like ~/.ssh/id_ed25519.
        Assert.Equal(
            "authentication failed for user root with key ~/lab/hosts/etcd-1/ssh_host_ed25519_key",
            error.Reason
        );
    }
}
