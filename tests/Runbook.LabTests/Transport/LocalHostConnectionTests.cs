using System.Diagnostics;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// The controller's connection ('on: local'): a local /bin/sh with the same wrapping as a command over SSH (no stdin,
/// env exported, a timeout or a cancellation ends everything the command started), on this machine.
/// </summary>
public sealed class LocalHostConnectionTests
{
    private static readonly LocalHostConnection Local = new("etcd-1");

    [Fact]
    public async Task A_command_gets_its_env_no_stdin_and_reports_its_lines_exit_and_output()
    {
        var lines = new List<OutputLine>();
        var command = new RemoteCommand(
            "echo \"$MEMBER in $PWD\"; cat; echo oops >&2; exit 3",
            false,
            null,
            [new("MEMBER", "it's etcd-1")]
        );

        var result = await Local.ExecuteAsync(command, lines.Add, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal($"it's etcd-1 in {Environment.CurrentDirectory}\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
        // Each stream's lines come in order; the two streams are read side by side, so not in order with each other.
        Assert.Equal(
            [
                new OutputLine(OutputStream.Stdout, $"it's etcd-1 in {Environment.CurrentDirectory}"),
                new(OutputStream.Stderr, "oops"),
            ],
            lines.OrderBy(l => l.Stream)
        );
        Assert.Equal("etcd-1", Local.Host);
    }

    [Fact]
    public async Task Bytes_sent_reach_the_command_after_its_env_and_bytes_received_are_its_stdout_unchanged()
    {
        // A file step's transfer on: local: the env goes first on stdin, then the data, as over SSH.
        var path = Path.Combine(Path.GetTempPath(), $"runbook-local-{Guid.NewGuid():N}.bin");
        var data = new byte[300_000];
        new Random(7).NextBytes(data);
        try
        {
            var sent = await Local.SendAsync(
                new RemoteCommand("cat > \"$TARGET\"; echo \"$TARGET written\"", false, null, [new("TARGET", path)]),
                new MemoryStream(data),
                CancellationToken.None
            );
            using var received = new MemoryStream();
            var read = await Local.ReceiveAsync(
                new RemoteCommand("cat \"$TARGET\"", false, null, [new("TARGET", path)]),
                received,
                CancellationToken.None
            );

            Assert.Equal((0, $"{path} written\n"), (sent.ExitCode, sent.Stdout));
            Assert.Equal(data, await File.ReadAllBytesAsync(path));
            Assert.Equal((0, string.Empty), (read.ExitCode, read.Stdout));
            Assert.Equal(data, received.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_timed_out_command_returns_TimedOut_and_leaves_no_process_behind()
    {
        var watch = Stopwatch.StartNew();
        var result = await Local
            .ExecuteAsync(
                new RemoteCommand("sleep 1011.5 & sleep 1012.5; echo never", false, TimeSpan.FromSeconds(1), []),
                null,
                CancellationToken.None
            )
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.TimedOut);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal(string.Empty, await PgrepAsync("sleep 101[12][.]5"));
    }

    [Fact]
    public async Task A_command_that_ignores_TERM_is_killed_after_the_grace_period()
    {
        var result = await Local.ExecuteAsync(
            new RemoteCommand("trap '' TERM; sleep 1013.5 & wait; sleep 1013.5", false, TimeSpan.FromSeconds(1), []),
            null,
            CancellationToken.None
        );

        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal(string.Empty, await PgrepAsync("sleep 101[3][.]5"));
    }

    [Fact]
    public async Task A_cancelled_command_throws_and_leaves_no_process_behind()
    {
        using var cancel = new CancellationTokenSource();
        var run = Local.ExecuteAsync(
            new RemoteCommand("sleep 1014.5 & echo started; sleep 1015.5", false, null, []),
            line =>
            {
                if (line.Text == "started")
                    cancel.Cancel();
            },
            cancel.Token
        );

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(string.Empty, await PgrepAsync("sleep 101[45][.]5"));
    }

    [Fact]
    public async Task Become_is_refused_on_the_controller()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            Local.ExecuteAsync(new RemoteCommand("id", true, null, []), null, CancellationToken.None)
        );
        Assert.Contains("become", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> PgrepAsync(string pattern) =>
        (
            await Local.ExecuteAsync(
                RemoteCommand.Plain("pgrep -af '" + pattern + "' || true"),
                null,
                CancellationToken.None
            )
        ).Stdout.Trim();
}
