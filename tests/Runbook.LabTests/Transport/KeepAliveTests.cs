using System.Diagnostics;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// Dead-peer detection on real sshd: keepalive@openssh.com requests with want-reply, answered by a live host (so a
/// long command is not cut short) and unanswered by a frozen one (so the command ends as unreachable, in words).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class KeepAliveTests(LabFixture lab)
{
    private SshTransport Quick() =>
        new(lab.TransportOptions() with { KeepAlive = TimeSpan.FromSeconds(1), KeepAliveCountMax = 2 });

    [Fact]
    public async Task A_live_host_answers_the_keepalives_so_a_command_longer_than_their_deadline_completes()
    {
        await using var transport = Quick();
        await using var connection = await transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        // 6 s is three times the 2 s a silent host gets: only answered keepalives keep the connection.
        var result = await connection.RunAsync("sleep 6; echo done");

        Assert.Equal((0, "done\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task A_command_on_a_host_whose_sshd_froze_ends_unreachable_once_the_keepalives_go_unanswered()
    {
        await using var transport = Quick();
        await using var connection = await transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);
        Assert.Equal(0, (await connection.RunAsync("true")).ExitCode);

        var command = connection.ExecuteAsync(RemoteCommand.Plain("sleep 120"), null, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        HostUnreachableException dead;
        using (FrozenSshd.All(lab.State.Hosts.Single(h => h.Name == "worker-1").Pid))
        {
            var ended = await Task.WhenAny(command, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(ended == command, "the command still waits on the frozen host after 60 s");
            dead = await Assert.ThrowsAsync<HostUnreachableException>(() => command);
        }

        // 2 unanswered keepalives 1 s apart: 2-3 s; the bound leaves room for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"detected after {watch.Elapsed}");
        Assert.Equal(
            "no answer from worker-1 for 2 s (2 keepalives unanswered); "
                + "the host or its sshd is frozen, or the network to it is down",
            dead.Reason
        );
        // Every later command on the dead connection fails the same way at once.
        var later = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.RunAsync("true"));
        Assert.Equal(dead.Reason, later.Reason);
    }
}
