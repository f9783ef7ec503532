using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// A runbook read from a git revision (<c>REV:PATH</c>) is held to the same standard as a file: its errors show the
/// source line and a caret, and the size limit holds before the whole blob is read. The CLI runs as a separate
/// process in a throwaway git repository, since git reads the repository of the working directory.
/// </summary>
public sealed class GitRevisionSourceTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("runbook-git-").FullName;

    public GitRevisionSourceTests()
    {
        using var init = Process.Start(new ProcessStartInfo("git", ["init", "-q", _repo]) { UseShellExecute = false })!;
        init.WaitForExit();
    }

    [Fact]
    public async Task An_error_in_a_runbook_at_a_git_revision_shows_the_line_and_a_caret()
    {
        await CommitAsync("bad.yaml", "runbook: broken\nphases:\n  - name: one\n    hosts: role=etcd\n    stepz: []\n");

        var (exit, _, stderr) = await DiffAsync("HEAD:bad.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("HEAD:bad.yaml:5:5: error RB", stderr, StringComparison.Ordinal);
        Assert.Contains("5 |     stepz: []\n  |     ^^^^^\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runbook_over_8_MiB_at_a_git_revision_is_refused_with_the_limit()
    {
        await CommitAsync(
            "huge.yaml",
            "runbook: huge\n" + string.Concat(Enumerable.Repeat("# " + new string('x', 1021) + "\n", 9 * 1024))
        );

        var (exit, _, stderr) = await DiffAsync("HEAD:huge.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("HEAD:huge.yaml: error RB", stderr, StringComparison.Ordinal);
        Assert.Contains("runbooks and inventories are limited to 8 MiB", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_git_revision_is_just_another_source_for_plan_too()
    {
        await CommitAsync("other.yaml", "# nothing to see\n");
        var inventory = Path.Combine(RepoRoot.Path, "inventories/rke2-split-roles.yaml");

        var fromFile = await RunbookAsync("plan", "good.yaml", "-i", inventory);
        var fromRevision = await RunbookAsync("plan", "HEAD:good.yaml", "-i", inventory);

        Assert.Equal((0, string.Empty), (fromRevision.Exit, fromRevision.Stderr));
        Assert.Equal(fromFile, fromRevision);
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    /// <summary>Commits <paramref name="name"/> with <paramref name="text"/>, beside a valid good.yaml to diff against.</summary>
    private async Task CommitAsync(string name, string text)
    {
        File.Copy(
            Path.Combine(RepoRoot.Path, "tests/Runbook.Tests/Diffing/Cases/comment-only/base.yaml"),
            Path.Combine(_repo, "good.yaml")
        );
        await File.WriteAllTextAsync(Path.Combine(_repo, name), text);
        await GitAsync("add", ".");
        await GitAsync("commit", "-q", "-m", "add " + name);
    }

    private Task<(int Exit, string Stdout, string Stderr)> DiffAsync(string baseSpec) =>
        RunbookAsync(
            "diff",
            baseSpec,
            "good.yaml",
            "-i",
            Path.Combine(RepoRoot.Path, "inventories/rke2-split-roles.yaml")
        );

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
