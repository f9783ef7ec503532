using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// A runbook read as <c>REV:PATH</c> reads its includes from the same revision, so <c>runbook diff REV:file file</c>
/// compares the included steps as they were with the ones in the working tree. The CLI runs as a separate process in a
/// throwaway git repository, since git reads the repository of the working directory.
/// </summary>
public sealed class IncludeRevisionTests : IDisposable
{
    private const string Runbook = """
        runbook: rotate
        params:
          data_dir: { type: string, default: /var/lib/rancher/rke2 }
        phases:
          - name: etcd
            hosts: role=etcd
            serial: 1
            steps:
              - include: steps/rotate.yaml
                with: { data_dir: "{{ params.data_dir }}" }
        """;

    private const string Rotate = """
        params:
          data_dir: {}
        steps:
          - name: Rotate
            run: rke2 certificate rotate --data-dir {{ params.data_dir }}
            become: true
        """;

    private readonly string _repo = Directory.CreateTempSubdirectory("runbook-git-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public async Task Diff_of_a_revision_against_the_working_tree_reads_the_included_file_at_each()
    {
        await GitAsync("init", "-q", _repo);
        Write("runbooks/rotate.yaml", Runbook);
        Write("runbooks/steps/rotate.yaml", Rotate);
        await GitAsync("add", ".");
        await GitAsync("commit", "-q", "-m", "rotate");
        var inventory = Path.Combine(RepoRoot.Path, "inventories/rke2-split-roles.yaml");

        var same = await RunbookAsync("diff", "HEAD:runbooks/rotate.yaml", "runbooks/rotate.yaml", "-i", inventory);
        Assert.True(same.Exit == 0 && same.Stderr.Length == 0, same.Stdout + same.Stderr);
        Assert.Matches(
            "\nno change to the plan\nplan hash sha256:[0-9a-f]{64} \\(base sha256:[0-9a-f]{64}\\)\n$",
            same.Stdout
        );

        Write("runbooks/steps/rotate.yaml", Rotate.Replace("{{ params.data_dir }}", "{{ params.data_dir }} --force"));
        var changed = await RunbookAsync(
            "diff",
            "HEAD:runbooks/rotate.yaml",
            "runbooks/rotate.yaml",
            "-i",
            inventory,
            "--exit-code"
        );

        Assert.True(changed.Exit == 1 && changed.Stderr.Length == 0, changed.Stdout + changed.Stderr);
        Assert.Contains(
            "  step 1. Rotate  [run, sudo, from steps/rotate.yaml]\n"
                + "    command changed on all 3 hosts:\n"
                + "      - rke2 certificate rotate --data-dir /var/lib/rancher/rke2\n"
                + "      + rke2 certificate rotate --data-dir /var/lib/rancher/rke2 --force\n",
            changed.Stdout,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task An_include_missing_at_the_revision_is_an_error_at_the_include_naming_the_revision()
    {
        await GitAsync("init", "-q", _repo);
        Write("runbooks/rotate.yaml", Runbook);
        await GitAsync("add", ".");
        await GitAsync("commit", "-q", "-m", "rotate without its steps");
        Write("runbooks/steps/rotate.yaml", Rotate);

        var result = await RunbookAsync(
            "plan",
            "HEAD:runbooks/rotate.yaml",
            "-i",
            Path.Combine(RepoRoot.Path, "inventories/rke2-split-roles.yaml")
        );

        Assert.Equal(2, result.Exit);
        Assert.StartsWith(
            "HEAD:runbooks/rotate.yaml:9:18: error RB0120: cannot read included file "
                + "'HEAD:runbooks/steps/rotate.yaml': "
                + "git cannot read 'HEAD:runbooks/steps/rotate.yaml': ",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains("9 |       - include: steps/rotate.yaml\n", result.Stderr, StringComparison.Ordinal);
    }

    private void Write(string name, string text)
    {
        var path = Path.Combine(_repo, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text + "\n");
    }

    private async Task GitAsync(params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(
            "git",
            ["-c", "user.name=runbook tests", "-c", "user.email=tests@runbook.invalid", .. args]
        );
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {stderr}");
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunbookAsync(params string[] args) =>
        RunAsync(Path.Combine(AppContext.BaseDirectory, "runbook"), args);

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] args)
    {
        var result = await Task.Run(() => ExternalTool.Run(file, args, directory: _repo));
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
