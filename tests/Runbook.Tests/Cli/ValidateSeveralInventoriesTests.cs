using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

/// <summary>
/// 'runbook validate' takes -i as plan and run do: several times and directories, merged as Ansible merges them, so a
/// runbook is checked against the inventory it will run on.
/// </summary>
public sealed class ValidateSeveralInventoriesTests : IDisposable
{
    private const string Runbook = """
        runbook: two-sources
        phases:
          - name: web
            hosts: role=web
            steps:
              - { name: Uptime, run: uptime }
          - name: db
            hosts: role=db
            steps:
              - { name: Uptime, run: uptime }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-validate-several-").FullName;

    public ValidateSeveralInventoriesTests()
    {
        File.WriteAllText(RunbookPath, Runbook);
        Write("web.ini", "[web]\nweb-1 ansible_host=127.0.0.1\n");
        Write("db.ini", "[db]\ndb-1 ansible_host=127.0.0.2\n");
    }

    private string RunbookPath => System.IO.Path.Combine(_dir, "runbook.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_inventories_given_with_i_are_both_read()
    {
        var both = await CliRunner.RunAsync("validate", RunbookPath, "-i", Path("web.ini"), "-i", Path("db.ini"));
        var one = await CliRunner.RunAsync("validate", RunbookPath, "-i", Path("web.ini"));

        Assert.True(both.ExitCode == 0, both.Stdout + both.Stderr);
        Assert.Equal("ok: 1 file valid\n", both.Stdout);
        Assert.DoesNotContain("role=db", both.Stdout + both.Stderr, StringComparison.Ordinal);
        Assert.Contains("role=db", one.Stdout + one.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_in_the_second_inventory_is_reported_at_its_line()
    {
        Write("bad.ini", "[db]\ndb-[3:1]\n");

        var result = await CliRunner.RunAsync("validate", "-i", Path("web.ini"), "-i", Path("bad.ini"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{Path("bad.ini")}:2:4: error RB0073:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_is_read_with_its_group_vars()
    {
        Write("inv/hosts", "[web]\nweb-1\n\n[db]\ndb-1\n");
        Write("inv/group_vars/web.yml", "ansible_become: maybe\n");

        var result = await CliRunner.RunAsync("validate", RunbookPath, "-i", Path("inv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "error RB0144: ansible_become of host 'web-1' is 'maybe', which is neither true nor false",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    private string Path(string relative) => System.IO.Path.Combine(_dir, relative);

    private void Write(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
