using Runbook.Errors;

namespace Runbook.Tests.Compilation;

/// <summary>
/// 'retries' written as templates over params is resolved once when compiling: the graph holds the values, a template
/// that reads more than params is RB0058 at the name, and a value that is no count or no duration is RB0013.
/// </summary>
public sealed class RetriesTemplateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-retries-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Count_and_delay_read_from_params_become_the_steps_retries_on_every_host()
    {
        var graph = Compile(
            "params:\n  tries: { type: int, default: 4 }\n  gap: { type: duration, default: 2s }",
            """retries: { count: "{{ params.tries }}", delay: "{{ params.gap }}" }"""
        );

        var retries = graph
            .Phases[0]
            .Batches[0]
            .Segments.OfType<Graph.HostStepsSegment>()
            .Single()
            .Hosts.Select(h => h.Steps[0].Retries!.ToString())
            .ToList();
        Assert.Equal(["retries 4 every 2s", "retries 4 every 2s"], retries);
    }

    [Fact]
    public void A_literal_delay_beside_a_templated_count_is_kept()
    {
        var graph = Compile(
            "params:\n  tries: { type: int, default: 1 }",
            """retries: { count: "{{ params.tries }}", delay: 9s }"""
        );

        var step = graph.Phases[0].Batches[0].Segments.OfType<Graph.HostStepsSegment>().Single().Hosts[0].Steps[0];
        Assert.Equal("retries 1 every 9s", step.Retries!.ToString());
    }

    [Fact]
    public void Values_that_are_no_count_or_no_duration_are_errors_at_their_templates()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Compile(
                "params:\n  tries: { type: int, default: 0 }\n  gap: { default: soon }",
                """retries: { count: "{{ params.tries }}", delay: "{{ params.gap }}" }"""
            )
        );

        Assert.Equal(
            [
                "RB0013 11:28: 'count' of 'retries' renders to '0', which is not valid: it must be a whole number "
                    + "from 1 to 100",
                "RB0013 11:57: 'delay' of 'retries' renders to 'soon', which is not valid: it must be a duration "
                    + "such as 10s or 1m",
            ],
            error.Diagnostics.Select(d => $"{d.Code} {d.Span.Line}:{d.Span.Column}: {d.Message}")
        );
    }

    [Fact]
    public void A_retries_template_that_reads_the_host_is_an_error_at_the_name()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Compile("params: {}", """retries: { count: 2 }""", """retries: { count: "{{ host.name }}" }""")
        );

        var only = Assert.Single(error.Diagnostics);
        Assert.Equal(
            "RB0058 12:31: 'retries' can read only params, not 'host'",
            $"{only.Code} {only.Span.Line}:{only.Span.Column}: {only.Message}"
        );
    }

    private Graph.ExecutionGraph Compile(string parameters, string retries, string? secondRetries = null)
    {
        var inventory = Path.Combine(_dir, "inventory.yaml");
        File.WriteAllText(
            inventory,
            "inventory: two\nhosts:\n  h1: { address: 127.0.0.1, roles: [db] }\n"
                + "  h2: { address: 127.0.0.2, roles: [db] }\n"
        );
        var second = secondRetries is null
            ? string.Empty
            : $"      - name: again\n        run: echo two\n        {secondRetries}\n";
        var runbook = Path.Combine(_dir, "runbook.yaml");
        File.WriteAllText(
            runbook,
            $"runbook: retries\n{parameters}\nphases:\n  - name: p\n    hosts: all\n    steps:\n"
                + $"      - name: flaky\n        run: echo one\n        {retries}\n"
                + second
        );
        return RunbookEngine.Compile(runbook, inventory);
    }
}
