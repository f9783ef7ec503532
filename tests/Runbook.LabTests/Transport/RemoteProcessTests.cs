using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>Timeouts and cancellation end the command on the host, children included: nothing is left running.</summary>
[Collection(LabCollection.Name)]
public sealed class RemoteProcessTests(LabFixture lab)
{
    [Fact]
    public async Task A_timed_out_command_returns_TimedOut_and_leaves_no_process_behind()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        // A child in the background and one in the foreground: both must go. Without the time-out this runs for
        // 1,000 s, so ending within a minute is the time-out at work (a liveness bound, not a speed measurement).
        var result = await connection
            .RunAsync("sleep 1001.5 & sleep 1002.5; echo never", TimeSpan.FromSeconds(1))
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.TimedOut);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(string.Empty, await connection.PgrepAsync("sleep 100[12][.]5"));
    }

    [Fact]
    public async Task A_command_that_ignores_TERM_is_killed_after_the_grace_period()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);

        var result = await connection.RunAsync(
            "trap '' TERM; sleep 1003.5 & wait; sleep 1003.5",
            TimeSpan.FromSeconds(1)
        );

        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal(string.Empty, await connection.PgrepAsync("sleep 100[3][.]5"));
    }

    [Fact]
    public async Task A_command_that_finishes_in_time_is_not_timed_out()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        var result = await connection.RunAsync("echo done", TimeSpan.FromSeconds(30));

        Assert.False(result.TimedOut);
        Assert.Equal("done\n", result.Stdout);
    }

    [Fact]
    public async Task Cancellation_kills_the_remote_process_and_its_children()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var run = connection.ExecuteAsync(RemoteCommand.Plain("sleep 1004.5 & sleep 1005.5"), null, cancel.Token);
        await WaitUntilRunningAsync(connection, "sleep 100[45][.]5", 2);

        await cancel.CancelAsync();

        // The command would run for 1,000 s: ending within a minute is the cancellation at work.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(string.Empty, await connection.PgrepAsync("sleep 100[45][.]5"));
    }

    [Fact]
    public async Task Cancellation_kills_a_command_run_with_become()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var run = connection.ExecuteAsync(
            new RemoteCommand("sleep 1006.5", true, TimeSpan.FromMinutes(5), []),
            null,
            cancel.Token
        );
        await WaitUntilRunningAsync(connection, "sleep 100[6][.]5", 1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(string.Empty, await connection.PgrepAsync("sleep 100[6][.]5"));
    }

    private static async Task WaitUntilRunningAsync(IHostConnection connection, string pattern, int count)
    {
        for (var i = 0; i < 600; i++)
        {
            var found = await connection.PgrepAsync(pattern);
            if (found.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= count)
                return;
            await Task.Delay(50);
        }

        Assert.Fail($"{pattern} never started");
    }
}
