using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

/// <summary>
/// The inventory given with -i is checked as a listed one is, against schema.json too (issue 13, item 5): a value the
/// reader tolerates (roles: 3, read as the role '3') is a positioned error, not a runbook error about roles.
/// </summary>
public sealed class ValidateInventoryOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-validate-i-").FullName;

    public ValidateInventoryOptionTests() =>
        File.WriteAllText(Inventory, "inventory: x\nhosts:\n  node-1:\n    address: 127.0.0.1\n    roles: 3\n");

    private string Inventory => Path.Combine(_dir, "x.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Validate_with_only_an_inventory_checks_it_against_the_schema_with_its_position()
    {
        var result = await CliRunner.RunAsync("validate", "-i", Inventory);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(
            $"{Inventory}:5:12: error RB0090: hosts.node-1.roles: expected string or array, found integer 3\n",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_runbook_validated_against_it_reports_the_inventory_error_and_no_misleading_selector_errors()
    {
        var result = await CliRunner.RunAsync("validate", "runbooks/rke2-recovery.yaml", "-i", Inventory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(":5:12: error RB0090:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("RB0031", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("1 error, 0 warnings\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inventory_listed_and_given_with_i_is_reported_once()
    {
        var result = await CliRunner.RunAsync("validate", "--format", "github", Inventory, "-i", Inventory);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_valid_inventory_alone_passes_and_nothing_at_all_is_a_usage_error()
    {
        var valid = await CliRunner.RunAsync("validate", "-i", "inventories/rke2-split-roles.yaml");
        Assert.Equal((0, "ok: 1 file valid\n"), (valid.ExitCode, valid.Stdout));

        var nothing = await CliRunner.RunAsync("validate");
        Assert.Equal(
            (2, "error: validate needs files to check, or -i INVENTORY\n"),
            (nothing.ExitCode, nothing.Stderr)
        );
    }
}
