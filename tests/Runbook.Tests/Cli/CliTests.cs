using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

public class CliTests
{
    [Fact]
    public async Task Every_shipped_runbook_and_inventory_validates()
    {
        var files = Directory
            .GetFiles(Path.Combine(RepoRoot.Path, "runbooks"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepoRoot.Path, "inventories")))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var result = await CliRunner.RunAsync(["validate", .. files]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"ok: {files.Length} files valid\n", result.Stdout);
    }

    [Fact]
    public async Task Plan_prints_the_rendered_plan_and_exits_zero()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            "runbooks/rke2-certificate-rotation.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--param",
            "settle=30s"
        );
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("runbook rke2-certificate-rotation\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("param settle = 30s (--param)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Plan_of_a_broken_runbook_reports_every_error_and_exits_2()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            "tests/Runbook.Tests/Validation/Cases/unknown-keys.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml"
        );
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("error RB0010: unknown key 'serail' in phase 'etcd'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error RB0010: unknown key 'comand' in step 'Stop'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_can_report_diagnostics_as_json_for_tools()
    {
        var result = await CliRunner.RunAsync(
            "validate",
            "--format",
            "json",
            "tests/Runbook.Tests/Validation/Cases/duplicate-keys.yaml"
        );
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"code\": \"RB0006\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"line\": 8", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Validate_writes_json_to_stdout_when_valid_too_so_a_tool_reads_one_stream()
    {
        var result = await CliRunner.RunAsync("validate", "--format", "json", "runbooks/rke2-recovery.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.Stdout.Trim());
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("plan runbooks/rke2-certificate-rotation.yaml")]
    [InlineData("plan runbooks/rke2-certificate-rotation.yaml -i inventories/rke2-split-roles.yaml --format html")]
    [InlineData("validate")]
    public async Task Usage_errors_exit_2_without_a_stack_trace(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_param_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            "runbooks/rke2-certificate-rotation.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--param",
            "settle"
        );
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --param 'settle' must look like NAME=VALUE\n", result.Stderr);
    }
}
