using System.Text;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// An upload 'from: run' sends a file the run made itself (here by a step 'on: local', which finds the run's directory
/// in RUNBOOK_RUN_DIR), read when the step runs; the plan cannot know its bytes. (A certificate signed on the
/// controller and installed on real hosts: EtcdCaRotationTests.)
/// </summary>
public class RunFileUploadTests
{
    private const string Yaml = """
        runbook: signed
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - name: Sign
                on: local
                run: sign-it "$RUNBOOK_RUN_DIR/signed/{{ host.name }}.crt"
              - name: Certificate
                upload: { src: "signed/{{ host.name }}.crt", from: run, dest: /etc/app/node.crt, mode: "0644" }
        """;

    [Fact]
    public async Task The_file_a_local_step_left_in_the_run_directory_is_what_the_host_gets()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var transport = new FakeTransport().On(null, "elif [ -f", new FakeReply(Stdout: "missing\n"));
        transport.OnStart = (host, script) =>
        {
            if (!script.Contains("sign-it", StringComparison.Ordinal))
                return;
            var signed = Directory.CreateDirectory(Path.Combine(dir.RunDirectory, "signed")).FullName;
            File.WriteAllText(Path.Combine(signed, host + ".crt"), "CERT for " + host);
        };

        var result = await dir.RunAsync(transport);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var local = transport.Executions.Single(e => e.Local);
        Assert.Contains(KeyValuePair.Create("RUNBOOK_RUN_DIR", Path.GetFullPath(dir.RunDirectory)), local.Command.Env);
        var sent = transport.Sent.Single();
        Assert.Equal("node-1", sent.Host);
        Assert.Equal("CERT for node-1", Encoding.UTF8.GetString(sent.Bytes));
        Assert.DoesNotContain(
            transport.Executions,
            e => !e.Local && e.Command.Env.Any(v => v.Key == "RUNBOOK_RUN_DIR")
        );
    }

    [Fact]
    public async Task A_file_the_run_did_not_make_fails_the_step_and_says_where_it_looked()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var transport = new FakeTransport();

        var result = await dir.RunAsync(transport);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"cannot read signed/node-1.crt in the run's directory ({Path.Combine(dir.RunDirectory, "signed")}",
            result.Stdout + result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task The_plan_says_the_file_is_made_during_the_run_and_bad_sources_are_reported_together()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var plan = await Support.CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.Contains(
            "upload signed/node-1.crt (made during the run, in the run's directory) to /etc/app/node.crt",
            plan.Stdout,
            StringComparison.Ordinal
        );

        await File.WriteAllTextAsync(
            dir.RunbookPath,
            """
            runbook: bad
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - { name: a, upload: { src: ../x.crt, from: run, dest: /etc/x.crt } }
                  - { name: b, upload: { src: x.crt, from: elsewhere, dest: /etc/x.crt } }
                  - { name: c, upload: { content: x, from: run, dest: /etc/x.crt } }
                  - { name: d, upload: { src: /tmp/x.crt, from: run, dest: /etc/x.crt } }
            """
        );
        var bad = await Support.CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath);
        Assert.Equal(2, bad.ExitCode);
        foreach (
            var error in new[]
            {
                "6:35: error RB0013: 'upload' of step 'a': 'src' may not leave the run's directory: '../x.crt'",
                "7:48: error RB0013: 'upload' of step 'b': 'from' must be 'run' or 'runbook', not 'elsewhere'",
                "8:42: error RB0013: 'upload' of step 'c' has 'from: run' with 'content'",
                "9:35: error RB0013: 'upload' of step 'd': 'src' must be relative to the run's directory: '/tmp/x.crt'",
            }
        )
            Assert.Contains(error, bad.Stderr, StringComparison.Ordinal);
    }
}
