using System.Security.Cryptography;
using System.Text;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// File steps through the engine with the in-process transport: what they send, when they write nothing, what the
/// journal keeps, and that a resumed run does not send a file again. (Bytes, modes and owners on a real host:
/// FileStepsOnLabTests.)
/// </summary>
public class FileStepExecutionTests
{
    private const string Yaml = """
        runbook: files
        params:
          token: { type: string, default: hunter2, secret: true }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - name: Env
                upload: { content: "NAME={{ host.name }}\n", dest: /etc/app/env, mode: "0640" }
              - name: Token
                upload: { content: "{{ params.token }}", dest: /etc/app/token }
              - { name: Restart, run: restart-app }
        """;

    [Fact]
    public async Task A_missing_file_is_sent_and_reported_changed_and_a_resumed_run_does_not_send_it_again()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "elif [ -f", new FakeReply(Stdout: "missing\n"))
            .On(null, "restart-app", attempt => new FakeReply(attempt == 1 ? 1 : 0));

        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);

        var sent = transport.Sent.ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal("NAME=node-1\n", Encoding.UTF8.GetString(sent[0].Bytes));
        Assert.Contains("mv -f \"$t\" \"$d\"", sent[0].Script, StringComparison.Ordinal);
        Assert.Contains(Sha("NAME=node-1\n"), sent[0].Script, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Env\",\"status\":\"ok\",\"changed\":true", dir.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", dir.Journal, StringComparison.Ordinal);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(2, transport.Sent.Count);
        Assert.Equal(2, transport.Ran("restart-app").Count());
    }

    [Fact]
    public async Task A_file_with_the_same_hash_and_mode_is_not_sent_and_is_reported_unchanged()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "/etc/app/env; if", new FakeReply(Stdout: $"file\n{Sha("NAME=node-1\n")}\n640 root root 0 0\n"))
            .On(null, "/etc/app/token; if", new FakeReply(Stdout: $"file\n{Sha("hunter2")}\n600 root root 0 0\n"));

        var result = await dir.RunAsync(transport);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Empty(transport.Sent);
        Assert.Contains("\"name\":\"Env\",\"status\":\"ok\",\"changed\":false", dir.Journal, StringComparison.Ordinal);
        Assert.Contains(
            "\"name\":\"Token\",\"status\":\"ok\",\"changed\":false",
            dir.Journal,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_same_bytes_with_another_mode_are_sent_again()
    {
        using var dir = new CliRun(Yaml, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "elif [ -f", new FakeReply(Stdout: "missing\n"))
            .On(null, "/etc/app/env; if", new FakeReply(Stdout: $"file\n{Sha("NAME=node-1\n")}\n644 root root 0 0\n"));

        Assert.Equal(0, (await dir.RunAsync(transport)).ExitCode);

        Assert.Contains(transport.Sent, s => s.Script.Contains("/etc/app/env", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_destination_that_is_a_directory_or_unreadable_fails_the_step_with_the_reason()
    {
        using var dir = new CliRun(Yaml, hosts: 2);
        var transport = new FakeTransport()
            .On("node-1", "elif [ -f", new FakeReply(Stdout: "directory\n"))
            .On("node-2", "elif [ -f", new FakeReply(3, Stderr: "sha256sum: /etc/app/env: Permission denied\n"));

        var result = await dir.RunAsync(transport);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(transport.Sent);
        Assert.Contains(
            "'dest' /etc/app/env is a directory on the host; name the file to write, like /etc/app/env/env",
            dir.Journal,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "cannot inspect /etc/app/env on the host: sha256sum: /etc/app/env: Permission denied",
            dir.Journal,
            StringComparison.Ordinal
        );
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
