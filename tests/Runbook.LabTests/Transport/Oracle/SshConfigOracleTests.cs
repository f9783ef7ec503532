using System.Diagnostics;
using Runbook.Transport.SshConfig;

namespace Runbook.Tests.Transport.Oracle;

/// <summary>
/// OpenSSH is the oracle: every case config of Transport/SshConfigCases is resolved for each host its '# hosts:' line
/// names, by <see cref="SshConfigResolver"/> and by <c>ssh -G -F FILE HOST</c>, and the two must agree on every
/// keyword Runbook reads; an 'error-' case must be refused by both. Starts ssh processes (openssh-client, installed
/// by tests/run), so it belongs with the tests that start processes.
/// </summary>
public sealed class SshConfigOracleTests
{
    private static readonly string Cases = Path.Combine("tests", "Runbook.LabTests", "Transport", "SshConfigCases");

    /// <summary>The keywords compared; ssh -G prints many more, which Runbook does not read.</summary>
    private static readonly string[] Keywords =
    [
        "host",
        "user",
        "hostname",
        "port",
        "identityfile",
        "identitiesonly",
        "proxyjump",
        "proxycommand",
        "stricthostkeychecking",
        "connecttimeout",
        "serveraliveinterval",
        "serveralivecountmax",
        "userknownhostsfile",
        "globalknownhostsfile",
        "identityagent",
    ];

    public static TheoryData<string> CaseFiles() =>
        new(Directory.GetFiles(Cases, "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task Runbook_resolves_each_host_as_ssh_G_does(string caseFile)
    {
        var dir = Directory.CreateTempSubdirectory("runbook-sshconfig-").FullName;
        try
        {
            var file = Prepare(caseFile, dir);
            var header = File.ReadLines(file).TakeWhile(l => l.StartsWith('#')).ToList();
            var hosts = Header(header, "hosts").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var variables = Header(header, "env")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2))
                .ToDictionary(v => v[0], v => v[1], StringComparer.Ordinal);
            var (home, localUser) = await SshIdentityAsync();
            var environment = new SshConfigEnvironment(
                home,
                localUser,
                name => variables.TryGetValue(name, out var v) ? v : System.Environment.GetEnvironmentVariable(name)
            );
            var resolver = SshConfigResolver.Load(SshConfigSource.File(file), environment);

            Assert.NotEmpty(hosts);
            foreach (var host in hosts)
            {
                var (exit, ssh, stderr) = await SshGAsync(file, host, variables);
                var ours = resolver.Resolve(host);
                // RB0084 is Runbook refusing what it cannot do (a ProxyCommand), not a config ssh would refuse.
                var ourErrors = resolver
                    .Diagnostics.Concat(ours.Diagnostics)
                    .Where(d => d.IsError && d.Code != "RB0084")
                    .ToList();
                if (caseFile.StartsWith("error-", StringComparison.Ordinal))
                {
                    Assert.True(exit != 0, $"{caseFile} {host}: ssh -G accepted it:\n{ssh}");
                    Assert.True(
                        ourErrors.Count > 0,
                        $"{caseFile} {host}: ssh refused it ({stderr.Trim()}), Runbook did not"
                    );
                    continue;
                }

                Assert.True(exit == 0, $"{caseFile} {host}: ssh -G failed: {stderr}");
                Assert.True(ourErrors.Count == 0, $"{caseFile} {host}: Runbook reports {string.Join("; ", ourErrors)}");
                var expected = Select(ssh.Split('\n'));
                var actual = Select(ours.SshGLines(home));
                Assert.True(expected.Count >= 11, $"{caseFile} {host}: ssh -G printed too little to compare:\n{ssh}");
                Assert.True(
                    expected.SequenceEqual(actual),
                    $"{caseFile} {host}:\nssh -G:  {string.Join(" | ", expected)}\n"
                        + $"Runbook: {string.Join(" | ", actual)}"
                );
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Copies the case (and include.d) to <paramref name="dir"/>, with @DIR@ replaced.</summary>
    private static string Prepare(string caseFile, string dir)
    {
        foreach (var source in Directory.GetFiles(Cases, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Cases, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(source).Replace("@DIR@", dir, StringComparison.Ordinal));
        }

        return Path.Combine(dir, caseFile);
    }

    private static string Header(List<string> header, string name) =>
        header
            .Select(l => l.TrimStart('#', ' '))
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            ?[(name.Length + 1)..].Trim()
        ?? "";

    /// <summary>
    /// The lines for <see cref="Keywords"/>, in the order ssh -G prints identity files, the rest sorted.
    /// </summary>
    private static List<string> Select(IEnumerable<string> lines) =>
        lines
            .Select(l => l.TrimEnd('\r'))
            .Where(l => Keywords.Contains(l.Split(' ')[0], StringComparer.Ordinal))
            .Select((line, index) => (line, index))
            .OrderBy(x => x.line.Split(' ')[0], StringComparer.Ordinal)
            .ThenBy(x => x.index)
            .Select(x => x.line)
            .ToList();

    /// <summary>ssh's home (from passwd, not $HOME) and user name, as ssh -G shows them for an empty config.</summary>
    private static async Task<(string Home, string User)> SshIdentityAsync()
    {
        var (_, output, _) = await SshGAsync("none", "probe", new Dictionary<string, string>());
        var lines = output.Split('\n');
        var user = lines.First(l => l.StartsWith("user ", StringComparison.Ordinal))[5..];
        var known = lines.First(l => l.StartsWith("userknownhostsfile ", StringComparison.Ordinal)).Split(' ')[1];
        return (known[..known.IndexOf("/.ssh/", StringComparison.Ordinal)], user);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> SshGAsync(
        string file,
        string host,
        IReadOnlyDictionary<string, string> variables
    )
    {
        var start = new ProcessStartInfo("ssh", ["-G", "-F", file, host])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in variables)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout, await stderr);
    }
}
