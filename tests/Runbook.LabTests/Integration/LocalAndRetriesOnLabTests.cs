using System.Text.Json;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// 'on: local', 'retries' and a rollout shaped by a param, end to end against real sshd: a step on the controller
/// writes a file there for each host and its output reaches the host, a flaky step passes on its third attempt.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LocalAndRetriesOnLabTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    [Fact]
    public async Task A_local_step_works_on_the_controller_for_each_host_and_a_flaky_step_passes_on_a_retry()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: local-and-retries
            params:
              out: { type: string }
              batch: { type: int, default: 3 }
            phases:
              - name: sign
                hosts: role in (etcd, control-plane, worker)
                serial: "{{ params.batch }}"
                steps:
                  - name: sign on the controller
                    on: local
                    env: { MEMBER: "{{ host.name }}" }
                    run: >-
                      printf '%s' {{ host.name }} > {{ params.out }}/{{ host.name }}.signed &&
                      echo "signed-$MEMBER-where-${RUNBOOK_LAB_HOST:-controller}"
                    capture: stamp
                  - name: install
                    run: "printf '%s' {{ captures.stamp }} > ~/TAG-stamp"
                  - name: flaky
                    run: >-
                      n=$(cat ~/TAG-count 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > ~/TAG-count;
                      echo "attempt $n on $RUNBOOK_LAB_HOST"; [ "$n" -ge 3 ]
                    retries: { count: 3, delay: 100ms }
            """
        );
        var controller = Directory.CreateDirectory(Path.Combine(run.Root, "controller")).FullName;

        var result = await run.RunAsync("--param", $"out={controller}", "--param", "batch=2");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        foreach (var host in Hosts)
        {
            // The local step wrote on the controller and did not run on the host (whose sshd sets RUNBOOK_LAB_HOST).
            Assert.Equal(host, File.ReadAllText(Path.Combine(controller, $"{host}.signed")));
            Assert.Equal($"signed-{host}-where-controller", run.HostFile(host, "stamp"));
            Assert.Equal("3\n", run.HostFile(host, "count"));
        }

        var events = run
            .Events.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        // serial "{{ params.batch }}" with batch=2: three hosts in two batches.
        Assert.Equal(2, events.Count(e => e.GetProperty("event").GetString() == "batch-started"));
        foreach (var host in Hosts)
        {
            var attempts = events
                .Where(e => e.GetProperty("event").GetString() == "step-attempt" && Str(e, "host") == host)
                .Select(e => (e.GetProperty("attempt").GetInt32(), Str(e, "status"), Str(e, "text")))
                .ToList();
            Assert.Equal(
                [(1, "failed", "attempt 2 of 4 in 100ms"), (2, "failed", "attempt 3 of 4 in 100ms"), (3, "ok", null)],
                attempts
            );
            var output = events.Where(e =>
                e.GetProperty("event").GetString() == "step-output"
                && Str(e, "host") == host
                && Str(e, "text")!.StartsWith("attempt ", StringComparison.Ordinal)
            );
            Assert.Equal(
                [(1, $"attempt 1 on {host}"), (2, $"attempt 2 on {host}"), (3, $"attempt 3 on {host}")],
                output.Select(e => (e.GetProperty("attempt").GetInt32(), Str(e, "text")!))
            );
            var finished = events.Single(e =>
                e.GetProperty("event").GetString() == "step-finished"
                && Str(e, "host") == host
                && Str(e, "name") == "flaky"
            );
            Assert.Equal(("ok", 3), (Str(finished, "status"), finished.GetProperty("attempt").GetInt32()));
        }

        Assert.Contains("\"record\":\"step-attempt\"", run.Journal, StringComparison.Ordinal);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
