using System.Xml.Linq;
using Runbook.Tests.Support;

namespace Runbook.Tests.Planning.Oracle;

/// <summary>
/// The summary a markdown plan or diff becomes over --max-chars, rendered by cmark-gfm like the full outputs
/// (<see cref="MarkdownOracleTests"/>): 300 hosts whose names hold pipes, angle brackets, backticks, '&lt;/details&gt;'
/// and '{{', in ranges ("…-1–…-292"), keep the sections balanced, show literally and turn into no markup of their
/// own.
/// </summary>
public sealed class MarkdownSummaryOracleTests : IDisposable
{
    private const string Hostile = "w|<b>`x`</details>{{y}}*z*-";
    private const string Runbook = "runbooks/rke2-certificate-rotation.yaml";
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-summary-oracle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_summary_plan_of_hostile_names_renders_balanced_with_the_names_shown_literally()
    {
        var inventory = FleetInventory.Write(_dir, 300, name: "fleet|<i>`q`", workerPrefix: Hostile);

        var markdown = await Cli("plan", Runbook, "-i", inventory, "--format", "markdown", "--max-chars", "30000");
        var html = Render(markdown);

        Assert.True(markdown.Length <= 30_000, $"{markdown.Length} characters");
        Assert.Contains(html.Elements("blockquote"), q => q.Value.Contains("Summary:", StringComparison.Ordinal));
        var sections = html.Elements("details").ToList();
        Assert.All(sections, s => Assert.Equal("summary", s.Elements().First().Name.LocalName));
        Assert.Contains(
            sections,
            s => s.Element("summary")!.Value == $"Batches 4.1–4.292 (292 of 292): {Hostile}1–{Hostile}292"
        );
        Assert.Contains(html.Descendants("strong"), e => e.Value == Hostile + "1");
        Assert.Contains(
            $"Hosts role=worker → 292 hosts: {Hostile}1–{Hostile}292;",
            html.Value,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(html.Descendants(), e => e.Name.LocalName is "em" or "del" or "a" or "h1" or "b" or "i");
    }

    [Fact]
    public async Task The_summary_diff_of_hostile_names_renders_balanced_and_keeps_its_code_block()
    {
        var inventory = FleetInventory.Write(_dir, 300, workerPrefix: Hostile);
        var head = Path.Combine(_dir, "head.yaml");
        var lines = File.ReadAllLines(Path.Combine(RepoRoot.Path, Runbook)).ToList();
        var last = lines.FindLastIndex(l => l.TrimStart().StartsWith("--kubeconfig", StringComparison.Ordinal));
        lines[last] += " --request-timeout '```' </details>";
        File.WriteAllText(head, string.Join('\n', lines) + "\n");

        var markdown = await Cli("diff", Runbook, head, "-i", inventory, "--format", "markdown", "--max-chars", "5000");
        var html = Render(markdown);

        Assert.True(markdown.Length <= 5_000, $"{markdown.Length} characters");
        var section = Assert.Single(html.Elements("details"));
        var block = Assert.Single(section.Elements("pre")).Value;
        Assert.Contains(
            "same change in all 292 batches (4.1–4.292), shown for batch 4.1:",
            block,
            StringComparison.Ordinal
        );
        Assert.Contains($"get node ", block, StringComparison.Ordinal);
        Assert.Contains("{+--request-timeout '```' </details>+}", block, StringComparison.Ordinal);
        Assert.DoesNotContain(html.Descendants(), e => e.Name.LocalName is "em" or "del" or "a" or "h1" or "b");
    }

    private static async Task<string> Cli(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    /// <summary>cmark-gfm's HTML with GitHub's extensions, under one root; unbalanced sections fail to parse.</summary>
    private static XElement Render(string markdown)
    {
        string[] github =
        [
            "--unsafe",
            "-e",
            "table",
            "-e",
            "strikethrough",
            "-e",
            "autolink",
            "-e",
            "tagfilter",
            "-e",
            "tasklist",
        ];
        var result = ExternalTool.Run("cmark-gfm", github, markdown);
        Assert.True(result.ExitCode == 0, result.Stderr);
        try
        {
            return XElement.Parse("<root>" + result.Stdout + "</root>", LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException e)
        {
            throw new Xunit.Sdk.XunitException($"cmark-gfm's HTML is not balanced ({e.Message}):\n{result.Stdout}");
        }
    }
}
