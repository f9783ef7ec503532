using Runbook.Cli.CiFormats;
using Runbook.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

/// <summary>
/// <c>runbook validate --format github</c>: workflow commands the Actions runner turns into annotations. Each test
/// reads the output back the way the runner does (actions/runner ActionCommand: split at "::", properties at ',',
/// key and value at the first '=', then unescape), so an escape that the runner would read differently fails here.
/// </summary>
public sealed class GithubAnnotationTests
{
    private static readonly string Root = RepoRoot.Path;

    [Fact]
    public async Task Validate_prints_one_error_command_per_diagnostic_on_stdout_and_exits_2()
    {
        var result = await CliRunner.RunAsync(
            "validate",
            "--format",
            "github",
            "tests/Runbook.Tests/Validation/Cases/unknown-keys.yaml"
        );

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        var first = Parse(lines[1]);
        Assert.Equal("error", first.Command);
        Assert.Equal("tests/Runbook.Tests/Validation/Cases/unknown-keys.yaml", first.Properties["file"]);
        Assert.Equal(("6", "5", "6", "10"), Position(first));
        Assert.Equal("RB0010", first.Properties["title"]);
        Assert.StartsWith("unknown key 'serail' in phase 'etcd'\nhint: did you mean 'serial'?", first.Message);
    }

    [Fact]
    public async Task A_valid_file_prints_nothing_and_exits_0()
    {
        var result = await CliRunner.RunAsync("validate", "--format", "github", "runbooks/rke2-recovery.yaml");
        Assert.Equal((0, string.Empty, string.Empty), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void Warnings_are_warning_commands_and_errors_error_commands()
    {
        var span = new SourceSpan("runbooks/x.yaml", 57, 11, 4);
        var output = GithubAnnotations.Format(
            [
                new Diagnostic("RB1001", Severity.Warning, span, "quorum at risk"),
                new Diagnostic("RB0010", Severity.Error, span, "unknown key"),
            ],
            Root
        );
        var lines = output.TrimEnd('\n').Split('\n').Select(Parse).ToList();
        Assert.Equal(["warning", "error"], lines.Select(l => l.Command));
        Assert.All(lines, l => Assert.Equal(("57", "11", "57", "14"), Position(l)));
    }

    [Fact]
    public void Hostile_text_survives_the_runners_unescaping_unchanged()
    {
        // '%0A' in the text must stay literal; ',' and ':' would end a property; '\r' and '\n' would end the command.
        const string message = "100% sure: a,b %0A not a newline\r\nsecond line: ::error::fake";
        const string file = "dir with space/a,b:c%2C.yaml";
        var d = new Diagnostic("RB0013", Severity.Error, new SourceSpan(file, 3, 7), message, "fix it, now: ok");

        var line = GithubAnnotations.Line(d, Root);

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        var parsed = Parse(line);
        Assert.Equal(file, parsed.Properties["file"]);
        Assert.Equal(message + "\nhint: fix it, now: ok", parsed.Message);
        Assert.Equal(["file", "line", "col", "endLine", "endColumn", "title"], parsed.Properties.Keys);
    }

    [Fact]
    public void An_absolute_path_inside_the_checkout_is_relative_and_a_problem_in_an_included_file_names_its_include()
    {
        var included = new SourceSpan(Path.Combine(Root, "runbooks", "lib", "health.yaml"), 4, 9, 3);
        var site = new IncludeSite(new SourceSpan("runbooks/x.yaml", 12, 11), null);
        var d = new Diagnostic("RB0123", Severity.Error, included, "no param 'endpont'") { IncludedFrom = site };

        var parsed = Parse(GithubAnnotations.Line(d, Root));

        Assert.Equal("runbooks/lib/health.yaml", parsed.Properties["file"]);
        Assert.Equal("no param 'endpont'\nincluded from runbooks/x.yaml:12:11", parsed.Message);
    }

    [Fact]
    public void A_diagnostic_without_a_line_names_only_its_file()
    {
        var d = new Diagnostic("RB0007", Severity.Error, SourceSpan.None("inventories/gone.yaml"), "cannot be read");
        var parsed = Parse(GithubAnnotations.Line(d, Root));
        Assert.Equal(["file", "title"], parsed.Properties.Keys);
    }

    private static (string, string, string, string) Position(Annotation c) =>
        (c.Properties["line"], c.Properties["col"], c.Properties["endLine"], c.Properties["endColumn"]);

    private sealed record Annotation(string Command, Dictionary<string, string> Properties, string Message);

    /// <summary>The runner's reading of a "::name k=v,k=v::message" line (ActionCommand.TryParseV2).</summary>
    private static Annotation Parse(string line)
    {
        Assert.StartsWith("::", line, StringComparison.Ordinal);
        var end = line.IndexOf("::", 2, StringComparison.Ordinal);
        Assert.True(end > 0, line);
        var head = line[2..end];
        var space = head.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? head : head[..space];
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (space >= 0)
        {
            foreach (var pair in head[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                properties[pair[..eq]] = Unescape(pair[(eq + 1)..], property: true);
            }
        }

        return new Annotation(name, properties, Unescape(line[(end + 2)..], property: false));
    }

    // The runner's escape mappings, in its order: %25 last, so "%250A" reads as "%0A", not as a newline.
    private static string Unescape(string text, bool property)
    {
        text = text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal);
        if (property)
            text = text.Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal);
        return text.Replace("%25", "%", StringComparison.Ordinal);
    }
}
