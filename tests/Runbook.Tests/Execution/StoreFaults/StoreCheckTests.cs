using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution.StoreFaults;

/// <summary>
/// The run store and the output files are checked before anything runs: a state directory that is a file, or an
/// --events target that is a directory, is refused with exit 2 and a message naming the path, and no host is touched.
/// (A read-only store needs a read-only mount, which root alone can make: the lab tests cover it.)
/// </summary>
public sealed class StoreCheckTests
{
    private const string Yaml = """
        runbook: checked-store
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: one, run: step-one }
        """;

    [Fact]
    public async Task A_state_directory_that_is_a_file_is_refused_before_anything_runs()
    {
        using var dir = new CliRun(Yaml);
        File.WriteAllText(dir.StateDirectory, "not a directory\n");
        var transport = new FakeTransport();

        var result = await dir.RunAsync(transport);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: the run store {dir.StateDirectory} cannot be written: it is a file, not a directory; nothing ran "
                + "(RUNBOOK_STATE_DIR chooses where runs are kept)\n",
            result.Stderr
        );
        Assert.Empty(transport.Connects);
        Assert.Empty(transport.Executions);
    }

    [Fact]
    public async Task An_events_target_that_is_a_directory_is_refused_before_the_run_is_created()
    {
        using var dir = new CliRun(Yaml);
        var transport = new FakeTransport();

        var result = await dir.RunAsync(transport, null, "--events", dir.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --events {dir.Root}: it is a directory; give a file\n", result.Stderr);
        Assert.Empty(transport.Executions);
        Assert.False(Directory.Exists(dir.StateDirectory));
    }
}
