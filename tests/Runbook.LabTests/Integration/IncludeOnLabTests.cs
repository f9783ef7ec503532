using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Runbooks whose steps and gates come from included files, run over real SSH on the lab fleet: the included steps
/// run in place with the values bound by 'with:', a nested include too; an error inside an included file stops the
/// run before any host is touched and names both the file's line and the include; a changed included file refuses
/// a resume like a changed runbook.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class IncludeOnLabTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    private const string Runbook = """
        runbook: included
        params:
          word: { default: hello }
        phases:
          - name: write
            hosts: role in (etcd, control-plane, worker)
            serial: 1
            steps:
              - include: steps/write.yaml
                with: { word: "{{ params.word }}", file: included }
              - { name: after, run: "cat ~/TAG-included > ~/TAG-after" }
            gates:
              - include: steps/written.yaml
                with: { file: included }
        """;

    private const string Write = """
        params:
          word: {}
          file: {}
        steps:
          - name: write
            run: echo {{ params.word }} {{ host.name }} > ~/TAG-{{ params.file }}
          - include: nested.yaml
            with: { file: "{{ params.file }}-nested" }
        """;

    private const string Nested = """
        params:
          file: {}
        steps:
          - name: nested
            run: echo nested on {{ host.name }} > ~/TAG-{{ params.file }}
        """;

    private const string Written = """
        params:
          file: {}
        gates:
          - name: written
            on: any(role=etcd)
            verify: { run: "test -s ~/TAG-{{ params.file }}", every: 100ms, within: 10s }
        """;

    [Fact]
    public async Task Included_steps_and_gates_run_in_place_on_every_host_with_the_values_bound_by_with()
    {
        using var run = Lay(Write);

        var result = await run.RunAsync("--param", "word=hi");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        foreach (var host in Hosts)
        {
            Assert.Equal($"hi {host}\n", run.HostFile(host, "included"));
            Assert.Equal($"nested on {host}\n", run.HostFile(host, "included-nested"));
            Assert.Equal($"hi {host}\n", run.HostFile(host, "after"));
        }

        var gates = run
            .Events.Split('\n')
            .Where(e => e.Contains("\"event\":\"gate-finished\"", StringComparison.Ordinal));
        Assert.Equal(3, gates.Count(e => e.Contains("\"name\":\"written\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_error_inside_an_included_file_names_its_line_and_the_include_and_nothing_runs()
    {
        using var run = Lay(Write.Replace("run: echo", "rn: echo", StringComparison.Ordinal));

        var result = await run.RunAsync();

        Assert.Equal(2, result.ExitCode);
        var included = Path.Combine(run.Root, "steps", "write.yaml");
        Assert.Contains($"{included}:6:5: error RB0010: unknown key 'rn' in step 'write'\n", result.Stderr);
        Assert.Contains($"  = note: included from {run.RunbookPath}:9:18\n", result.Stderr);
        Assert.All(Hosts, host => Assert.Null(run.HostFile(host, "included-nested")));
    }

    [Fact]
    public async Task A_resume_after_an_included_file_changed_is_refused_as_a_changed_runbook()
    {
        using var run = Lay(Write.Replace("- name: write", "- name: gate\n    run: test -f ~/TAG-go\n  - name: write"));

        var failed = await run.RunAsync();
        Assert.True(failed.ExitCode == 1, failed.Stdout + failed.Stderr);

        File.WriteAllText(
            Path.Combine(run.Root, "steps", "nested.yaml"),
            Nested.Replace("nested on", "changed on", StringComparison.Ordinal).Replace("TAG", run.Tag)
        );
        var resumed = await run.RunAsync("--resume", "last");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("was started with a different runbook", resumed.Stderr, StringComparison.Ordinal);
        Assert.All(Hosts, host => Assert.Null(run.HostFile(host, "included-nested")));
    }

    /// <summary>The runbook with its included files beside it, in the run's folder.</summary>
    private LabRun Lay(string write)
    {
        var run = new LabRun(lab, Runbook);
        Directory.CreateDirectory(Path.Combine(run.Root, "steps"));
        foreach (var (name, text) in new[] { ("write", write), ("nested", Nested), ("written", Written) })
            File.WriteAllText(Path.Combine(run.Root, "steps", name + ".yaml"), text.Replace("TAG", run.Tag));
        return run;
    }
}
