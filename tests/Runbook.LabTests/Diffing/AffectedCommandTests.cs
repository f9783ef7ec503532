using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// <c>runbook affected BASE HEAD</c> in a scratch git repository, run as the separate process a workflow runs: a
/// change in an included file, an inventory change, an added, a removed and a renamed runbook, and a comment-only
/// change (not listed), as tab-separated lines and as JSON.
/// </summary>
public sealed class AffectedCommandTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("runbook-affected-").FullName;

    public AffectedCommandTests()
    {
        using var init = Process.Start(new ProcessStartInfo("git", ["init", "-q", _repo]) { UseShellExecute = false })!;
        init.WaitForExit();
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public async Task Lists_each_runbook_and_inventory_whose_plan_changed_one_tab_separated_line_each()
    {
        await BaseAndHeadAsync();

        var (exit, stdout, stderr) = await RunbookAsync("affected", "base", "HEAD");

        Assert.True(exit == 0, stderr);
        Assert.Equal(
            """
            runbooks/a.yaml	inventories/one.yaml	removed
            runbooks/a.yaml	inventories/two.yaml	removed
            runbooks/b.yaml	inventories/one.yaml	changed
            runbooks/b.yaml	inventories/two.yaml	changed
            runbooks/c.yaml	inventories/one.yaml	added
            runbooks/c.yaml	inventories/two.yaml	added
            runbooks/d.yaml	inventories/two.yaml	changed
            runbooks/f.yaml	inventories/two.yaml	changed

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            stdout
        );
    }

    [Fact]
    public async Task With_i_only_that_inventory_counts_and_json_names_the_base_of_a_renamed_runbook()
    {
        await BaseAndHeadAsync();

        var one = await RunbookAsync("affected", "base", "HEAD", "-i", "inventories/one.yaml");
        var json = await RunbookAsync("affected", "base", "HEAD", "--format", "json");

        Assert.True(one.Exit == 0, one.Stderr);
        Assert.Equal(
            "runbooks/a.yaml\tinventories/one.yaml\tremoved\nrunbooks/b.yaml\tinventories/one.yaml\tchanged\n"
                + "runbooks/c.yaml\tinventories/one.yaml\tadded\n",
            one.Stdout
        );
        Assert.True(json.Exit == 0, json.Stderr);
        Assert.Contains(
            "\"runbook\": \"runbooks/f.yaml\",\n    \"inventory\": \"inventories/two.yaml\",\n"
                + "    \"status\": \"changed\",\n"
                + "    \"base_runbook\": \"runbooks/e.yaml\",",
            json.Stdout,
            StringComparison.Ordinal
        );
        Assert.Matches("\"plan_hash\": \"sha256:[0-9a-f]{64}\"", json.Stdout);
    }

    [Fact]
    public async Task A_revision_that_is_not_a_commit_is_refused_with_exit_2()
    {
        await BaseAndHeadAsync();
        var (exit, stdout, stderr) = await RunbookAsync("affected", "no-such-branch", "HEAD");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("'no-such-branch' is not a git revision here", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// base: runbooks a, b (including steps/s.yaml), d and e against inventories one and two. HEAD: a removed, the
    /// included file changed, c added, d changed by a comment only, e renamed to f unchanged, a host added to two.
    /// </summary>
    private async Task BaseAndHeadAsync()
    {
        Write("inventories/one.yaml", Inventory("one", "h1", "h2"));
        Write("inventories/two.yaml", Inventory("two", "h3"));
        Write("runbooks/a.yaml", Runbook("a", "run: echo a"));
        Write("runbooks/b.yaml", Runbook("b", "include: steps/s.yaml"));
        Write("runbooks/steps/s.yaml", "steps:\n  - { name: s, run: echo one }\n");
        Write("runbooks/d.yaml", Runbook("d", "run: echo d"));
        Write("runbooks/e.yaml", Runbook("e", "run: echo e"));
        Write("README.md", "not a runbook\n");
        await GitAsync("add", ".");
        await GitAsync("commit", "-q", "-m", "base");
        await GitAsync("tag", "base");

        File.Delete(Path.Combine(_repo, "runbooks/a.yaml"));
        Write("runbooks/steps/s.yaml", "steps:\n  - { name: s, run: echo two }\n");
        Write("runbooks/c.yaml", Runbook("c", "run: echo c"));
        Write("runbooks/d.yaml", Runbook("d", "run: echo d") + "# only a comment\n");
        File.Move(Path.Combine(_repo, "runbooks/e.yaml"), Path.Combine(_repo, "runbooks/f.yaml"));
        Write("inventories/two.yaml", Inventory("two", "h3", "h4"));
        await GitAsync("add", "-A", ".");
        await GitAsync("commit", "-q", "-m", "head");
    }

    private static string Inventory(string name, params string[] hosts) =>
        $"inventory: {name}\nhosts:\n"
        + string.Concat(hosts.Select((h, i) => $"  {h}: {{ address: 127.0.0.{10 + i}, roles: [web] }}\n"));

    private static string Runbook(string name, string step) =>
        $"runbook: {name}\nphases:\n  - name: web\n    hosts: role=web\n    steps:\n"
        + (
            step.StartsWith("include", StringComparison.Ordinal)
                ? $"      - {step}\n"
                : $"      - {{ name: one, {step} }}\n"
        );

    private void Write(string path, string text)
    {
        var full = Path.Combine(_repo, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private async Task GitAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(
            "git",
            ["-c", "user.name=runbook tests", "-c", "user.email=tests@runbook.invalid", .. args]
        );
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {stdout}{stderr}");
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunbookAsync(params string[] args) =>
        RunAsync(Path.Combine(AppContext.BaseDirectory, "runbook"), args);

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] args)
    {
        var result = await Task.Run(() => ExternalTool.Run(file, args, directory: _repo));
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
