using System.Text;
using Runbook.Tests.Support;

namespace Runbook.Tests.Validation;

/// <summary>Inputs that must produce a clean diagnostic and exit 2, never a stack trace.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_binary_file_is_rejected_as_not_text()
    {
        var path = Write("binary.yaml", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]);
        await AssertRejected(path, "RB0003", "the file holds NUL bytes: it looks like a binary file");
    }

    [Fact]
    public async Task Invalid_utf8_is_rejected_as_not_text()
    {
        var path = Write("latin1.yaml", Encoding.Latin1.GetBytes("runbook: caf\u00e9\n"));
        await AssertRejected(path, "RB0003", "the file is not valid UTF-8 text");
    }

    [Fact]
    public async Task A_50_megabyte_file_is_rejected_before_it_is_read()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var f = File.Create(path))
            f.SetLength(50L * 1024 * 1024);
        await AssertRejected(path, "RB0004", "the file is 50.0 MiB; runbooks and inventories are limited to 8 MiB");
    }

    [Fact]
    public async Task Deep_nesting_is_reported_without_overflowing_the_stack()
    {
        var path = Write(
            "deep.yaml",
            Encoding.UTF8.GetBytes("runbook: deep\nphases: " + new string('[', 5000) + new string(']', 5000) + "\n")
        );
        await AssertRejected(path, "RB0005", "the YAML is nested more than 64 levels deep");
    }

    [Fact]
    public async Task An_alias_bomb_is_stopped_by_the_node_limit()
    {
        var yaml = new StringBuilder("runbook: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
            yaml.Append(
                $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
                    + $"*a{i - 1}, *a{i - 1}, *a{i - 1}]\n"
            );
        var path = Write("bomb.yaml", Encoding.UTF8.GetBytes(yaml.ToString()));
        var result = await CliRunner.RunAsync("validate", path);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_diagnostic_not_a_crash()
    {
        var result = await CliRunner.RunAsync("validate", "runbooks/no-such-runbook.yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "runbooks/no-such-runbook.yaml: error RB0007: file not found\n  = hint: check the path; it is relative "
                + "to the current directory\n\n1 error, 0 warnings\n",
            result.Stderr
        );
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task A_device_is_refused_before_it_is_read(string device) =>
        await AssertRejected(device, "RB0007", "not a regular file (a device, FIFO or socket)");

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var path = Path.Combine(_dir, "pipe.yaml");
        Assert.Equal(0, NativeFifo.Make(path));
        var validate = CliRunner.RunAsync("validate", path);
        Assert.Same(validate, await Task.WhenAny(validate, Task.Delay(TimeSpan.FromSeconds(30))));
        await AssertRejected(path, "RB0007", "not a regular file (a device, FIFO or socket)");
    }

    private static async Task AssertRejected(string path, string code, string message)
    {
        var result = await CliRunner.RunAsync("validate", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error {code}: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>mkfifo(3) without starting a process (the fast suite starts none).</summary>
internal static partial class NativeFifo
{
    public static int Make(string path) => MakeFifo(path, 0x180); // 0600

    [System.Runtime.InteropServices.LibraryImport(
        "libc",
        EntryPoint = "mkfifo",
        StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8
    )]
    private static partial int MakeFifo(string path, uint mode);
}
