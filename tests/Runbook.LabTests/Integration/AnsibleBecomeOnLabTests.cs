using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// An Ansible inventory's ansible_become and ansible_become_user, on real sshd with the real sudo: a host that sets
/// them runs every step (that says nothing about become) through 'sudo -u USER', a host that does not runs it as the
/// login user, and a step's own 'become: false' keeps the login user. The plan shows each host's user first.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AnsibleBecomeOnLabTests(LabFixture lab)
{
    private const string Runbook = """
        runbook: ansible-become
        phases:
          - name: who
            hosts: role=fleet
            steps:
              - { name: who, run: "id -un", capture: who }
              - { name: print, run: "echo 'user={{ captures.who }}'" }
              - { name: login, become: false, run: "echo \"login=$(id -un)\"" }
        """;

    [Fact]
    public async Task Ansible_become_user_makes_the_steps_of_its_host_run_as_that_user()
    {
        using var run = new LabRun(lab, Runbook);
        var inventory = Inventory(run, out var sshConfig);

        var plan = await CliRunner.RunAsync(["plan", run.RunbookPath, "-i", inventory], run.Environment);
        var result = await run.RunOnAsync(inventory, "--ssh-config", sshConfig);

        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        Assert.Contains("sudo -u nobody (ansible_become)", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("login user (become: false over ansible_become)", plan.Stdout, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = result.Stdout.Split('\n');
        var login = lab.Inventory.Hosts[0].User;
        Assert.Contains(
            lines,
            l =>
                l.Contains("as-nobody", StringComparison.Ordinal) && l.Contains("user=nobody", StringComparison.Ordinal)
        );
        Assert.Contains(
            lines,
            l =>
                l.Contains("as-login", StringComparison.Ordinal)
                && l.Contains($"user={login}", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(
            lines,
            l => l.StartsWith("[as-login]", StringComparison.Ordinal) && l.Contains("=nobody", StringComparison.Ordinal)
        );
        Assert.Contains(
            lines,
            l =>
                l.Contains("as-nobody", StringComparison.Ordinal)
                && l.Contains($"login={login}", StringComparison.Ordinal)
        );
        Assert.Contains("user=nobody", run.Events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preflight_checks_sudo_to_the_become_user_of_an_inventory_that_becomes()
    {
        using var run = new LabRun(lab, Runbook);
        var inventory = Inventory(run, out var sshConfig, becomeUser: "no-such-user-TAG");

        var result = await run.RunOnAsync(inventory, "--ssh-config", sshConfig);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sudo -n -u no-such-user-", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"event\":\"step-started\"", run.Events, StringComparison.Ordinal);
    }

    /// <summary>
    /// An upload on a host whose inventory becomes nobody is written by nobody, straight under sudo (before, the bytes
    /// were staged in a file only the login user could read, and the copy as nobody failed). The host's become
    /// password is never needed here (the login user is root), so sudo leaves it on stdin: it must not end up in the
    /// file. The host without become writes as the login user.
    /// </summary>
    [Fact]
    public async Task An_upload_on_a_host_that_becomes_nobody_is_written_by_nobody_and_holds_only_its_bytes()
    {
        var runbook = """
            runbook: ansible-become-upload
            phases:
              - name: files
                hosts: role=fleet
                steps:
                  - name: dir
                    become: false
                    run: "chmod 0755 RUNROOT && install -d -m 0755 -o nobody OUT/{{ host.name }}"
                  - name: conf
                    upload: { content: "host={{ host.name }}\n", dest: "OUT/{{ host.name }}/app.conf", mode: "0600" }
            """;
        using var run = new LabRun(lab, runbook.Replace("OUT", "RUNROOT/out", StringComparison.Ordinal));
        File.WriteAllText(
            run.RunbookPath,
            File.ReadAllText(run.RunbookPath).Replace("RUNROOT", run.Root, StringComparison.Ordinal)
        );
        var inventory = Inventory(run, out var sshConfig, password: "pw-$(echo RAN-IT)");

        var result = await run.RunOnAsync(inventory, "--ssh-config", sshConfig);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        foreach (var (host, owner) in new[] { ("as-nobody", "nobody"), ("as-login", lab.Inventory.Hosts[0].User) })
        {
            var file = Path.Combine(run.Root, "out", host, "app.conf");
            Assert.Equal($"host={host}\n", File.ReadAllText(file));
            Assert.Equal($"600 {owner}\n", await StatAsync(file));
        }

        Assert.DoesNotContain("RAN-IT", result.Stdout + result.Stderr + run.Events, StringComparison.Ordinal);
    }

    /// <summary>
    /// An INI inventory of two lab hosts under new names (as-nobody becomes, as-login does not), and an ssh_config
    /// that gives the lab's user, key and known_hosts (an Ansible inventory has no key for known_hosts).
    /// </summary>
    private string Inventory(LabRun run, out string sshConfig, string becomeUser = "nobody", string? password = null)
    {
        var (first, second) = (lab.State.Hosts[1], lab.State.Hosts[2]);
        var path = Path.Combine(run.Root, "hosts.ini");
        var become = $"ansible_become=yes ansible_become_user={becomeUser}"
            + (password is null ? string.Empty : $" ansible_become_password='{password}'");
        File.WriteAllText(
            path,
            $"""
            [fleet]
            as-nobody ansible_host={first.Address} ansible_port={first.Port} {become}
            as-login ansible_host={second.Address} ansible_port={second.Port}

            [fleet:vars]
            ansible_user={lab.Inventory.Hosts[0].User}
            ansible_ssh_private_key_file={lab.State.ClientKey}
            """.Replace("TAG", run.Tag, StringComparison.Ordinal)
        );
        sshConfig = Path.Combine(run.Root, "ssh_config");
        File.WriteAllText(
            sshConfig,
            $"Host *\n  UserKnownHostsFile {lab.State.KnownHosts}\n  StrictHostKeyChecking yes\n"
                + $"  GlobalKnownHostsFile /dev/null\n"
        );
        return path;
    }

    private static async Task<string> StatAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", "%a %U", path })
            start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
