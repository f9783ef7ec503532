using Runbook.Lab;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

[Collection(LabCollection.Name)]
public sealed class JumpHostTests(LabFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-jump-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_host_behind_a_jump_host_is_reached_through_it()
    {
        var cp = lab.Host("cp-1");
        Assert.Equal("bastion", cp.Jump?.Name);
        await using var connection = await lab.Transport.ConnectAsync(cp, CancellationToken.None);

        var result = await connection.RunAsync("echo $RUNBOOK_LAB_HOST; echo $SSH_CLIENT");

        // The lab runs on this machine: the client end of cp-1's SSH connection belongs to a session of the bastion's sshd.
        var lines = result.Stdout.Split('\n');
        Assert.Equal("cp-1", lines[0]);
        var clientPort = lines[1].Split(' ')[1];
        var (_, sockets) = await LabProcesses.RunAsync(
            "ss",
            ["-Htnp", "state", "established", "sport = :" + clientPort],
            CancellationToken.None
        );
        var owner = int.Parse(
            System.Text.RegularExpressions.Regex.Match(sockets, @"pid=(\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.Contains(BastionPid, Ancestors(owner));
    }

    [Fact]
    public async Task The_target_key_is_checked_under_its_real_name_not_the_tunnel_address()
    {
        var lines = File.ReadAllLines(lab.State.KnownHosts);
        var cpKey = string.Join(
            ' ',
            lines.Single(l => l.StartsWith("[cp-1]", StringComparison.Ordinal)).Split(' ')[1..]
        );
        var workerKey = string.Join(
            ' ',
            lines.Single(l => l.StartsWith("[worker-1]", StringComparison.Ordinal)).Split(' ')[1..]
        );
        var bastion = lines.Single(l => l.StartsWith("[bastion]", StringComparison.Ordinal));
        var cpName = KnownHosts.NameFor("cp-1", lab.Host("cp-1").Port);

        // Only the name (not the lab address, not 127.0.0.1) is listed for cp-1: it must be enough.
        var good = Path.Combine(_dir, "good");
        File.WriteAllText(good, $"{bastion}\n{cpName} {cpKey}\n");
        await using (var transport = Transport())
        {
            await using var connection = await transport.ConnectAsync(lab.Host("cp-1", good), CancellationToken.None);
            Assert.Equal("cp-1\n", (await connection.RunAsync("echo $RUNBOOK_LAB_HOST")).Stdout);
        }

        // A wrong key under cp-1's name is refused, even though the tunnel's 127.0.0.1 has no entry at all.
        var bad = Path.Combine(_dir, "bad");
        File.WriteAllText(bad, $"{bastion}\n{cpName} {workerKey}\n");
        await using var refusing = Transport();
        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            refusing.ConnectAsync(lab.Host("cp-1", bad), CancellationToken.None)
        );
        Assert.Equal("cp-1", error.Host);
        Assert.Contains("has changed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hosts_behind_one_bastion_share_its_connection()
    {
        var known = Path.Combine(_dir, "known");
        var second = lab.Host("cp-1", known) with { Name = "cp-1-again" };
        File.WriteAllText(
            known,
            File.ReadAllText(lab.State.KnownHosts).Replace("[cp-1]", "[cp-1-again],[cp-1]", StringComparison.Ordinal)
        );
        await using var transport = Transport();
        var before = Connections(BastionPid);

        await using var one = await transport.ConnectAsync(lab.Host("cp-1", known), CancellationToken.None);
        var afterOne = Connections(BastionPid);
        await using var two = await transport.ConnectAsync(second, CancellationToken.None);

        // The bastion's sshd forks one child per connection: the second host behind it adds none.
        Assert.Equal(before + 1, afterOne);
        Assert.Equal(afterOne, Connections(BastionPid));
        Assert.Equal("cp-1\n", (await two.RunAsync("echo $RUNBOOK_LAB_HOST")).Stdout);
    }

    private int BastionPid => lab.State.Hosts.Single(h => h.Name == "bastion").Pid;

    private static int Connections(int sshd) =>
        Directory.GetDirectories("/proc").Count(d => ParentOf(Path.GetFileName(d)) == sshd);

    private static List<int> Ancestors(int pid)
    {
        var list = new List<int>();
        for (
            var p = ParentOf(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            p > 1;
            p = ParentOf(p.ToString(System.Globalization.CultureInfo.InvariantCulture))
        )
            list.Add(p);
        return list;
    }

    private static int ParentOf(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? 0 : int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>A transport of the test's own; the known_hosts file a test writes comes with the hosts.</summary>
    private SshTransport Transport() => new(lab.TransportOptions());
}
