using System.Xml.Linq;
using Runbook.Tests.Support;

namespace Runbook.Tests.Planning.Oracle;

/// <summary>
/// The markdown plan and diff are pull-request comments: these tests render them with cmark-gfm (GitHub's own
/// CommonMark fork, with GitHub's extensions) from a runbook and an inventory whose names hold everything that could
/// break a comment (pipes, angle brackets, backtick runs, '&lt;/details&gt;', '{{'), and check the HTML: each table row
/// has its cells, the names show literally, every details section is closed, and outputs posted one after another
/// keep their headings.
/// </summary>
public sealed class MarkdownOracleTests : IDisposable
{
    private const string PhaseName = "Phase | with <angle> & `ticks` </details>";
    private const string StepName = "Step | `one` <two> </details> {{ three }} *x* _y_";
    private const string GateName = "gate | <g> ``h`` [z](w)";
    private const string ParamDefault = "a|b`c`\\|";
    private const string Reason = "stops | <all> `at once`";
    private const string FirstCommand = "echo '```' && echo '</details>' && echo {{ params.sep }}";
    private const string HeredocCommand = "cat <<'X'\n````\n</details>\n X ~~ **\nX";
    private const string GateCommand = "test 1 -lt 2 && echo '``'";

    private static readonly string[] Description =
    [
        "# not a heading | a <b>bold</b> claim",
        "- not a list, `code`, </details> and {{ braces }}",
        "1. not ordered, > not quoted, [not](a-link) ~~kept~~ $x$ &amp;",
    ];

    // Host names may hold anything but spaces; '/' cannot be in the inventory's file name.
    private static readonly string[] WebHosts = ["web|1", "<node>"];
    private static readonly string[] DbHosts = ["</details>", "``a``", "*b*_c_&amp;"];
    private const string InventoryName = "inv|<b>`x`&amp;{{y}}";
    private const string EncodedInventory = "inv%7C%3Cb%3E%60x%60%26amp%3B%7B%7By%7D%7D";

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-markdown-oracle-").FullName;

    public MarkdownOracleTests()
    {
        var web = WebHosts.Select(h => $"  {Quoted(h)}: {{ roles: [web] }}\n");
        var db = DbHosts.Select(h => $"  {Quoted(h)}: {{ roles: [db] }}\n");
        File.WriteAllText(Inventory, "hosts:\n" + string.Concat(web.Concat(db)));
        File.WriteAllText(Base, Runbook(FirstCommand, withGate: true));
        File.WriteAllText(Head, Runbook(FirstCommand + " ```` changed", withGate: false));
    }

    private string Inventory => Path.Combine(_dir, InventoryName + ".yaml");

    private string Base => Path.Combine(_dir, "base.yaml");

    private string Head => Path.Combine(_dir, "head.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_markdown_plan_of_hostile_names_renders_with_its_structure_and_the_names_shown_literally()
    {
        var markdown = await Plan();
        var html = Render(markdown);

        Assert.StartsWith($"<!-- runbook:plan hostile@{EncodedInventory} -->\n", markdown, StringComparison.Ordinal);
        Assert.Equal($" runbook:plan hostile@{EncodedInventory} ", Assert.IsType<XComment>(html.Nodes().First()).Value);
        Assert.Equal(["Plan: hostile"], Texts(html, "h2"));
        Assert.Contains(string.Join("\n", Description), Texts(html, "p"));
        Assert.Contains(InventoryName, Texts(html, "code"));

        var rows = html.Descendants("tr").ToList();
        Assert.All(rows, row => Assert.Equal(3, row.Elements().Count()));
        Assert.Equal(["sep", ParamDefault, "default"], rows[1].Elements().Select(e => e.Value));

        Assert.Equal([$"Phase 1/1: {PhaseName}"], Texts(html, "h3"));
        var accepted = Assert.Single(html.Elements("blockquote")).Value.Trim();
        Assert.Equal($"Accepts RB1002 (unit left stopped): {Reason}", accepted);
        var allHosts = $"Hosts all → {string.Join(", ", WebHosts.Concat(DbHosts))};";
        Assert.Contains(html.Descendants("p"), p => p.Value.StartsWith(allHosts, StringComparison.Ordinal));

        var sections = html.Descendants("details").ToList();
        Assert.Equal(3, sections.Count);
        Assert.All(sections, s => Assert.Equal("summary", s.Elements().First().Name.LocalName));
        Assert.Equal(
            [
                $"Batch 1.1/3: {WebHosts[0]}, {WebHosts[1]}",
                $"Batch 1.2/3: {DbHosts[0]}, {DbHosts[1]}",
                $"Batch 1.3/3: {DbHosts[2]}",
            ],
            sections.Select(s => s.Element("summary")!.Value)
        );
        var hostHeadings = sections
            .SelectMany(s => s.Elements("p").Elements("strong"))
            .Select(e => e.Value)
            .Where(v => v != "gate");
        Assert.Equal([.. WebHosts, .. DbHosts], hostHeadings);

        Assert.All(
            html.Descendants("li").Where(li => li.Value.StartsWith("Step |", StringComparison.Ordinal)),
            li =>
            {
                Assert.StartsWith($"{StepName} — run", li.Value, StringComparison.Ordinal);
                Assert.Equal("echo '```' && echo '</details>' && echo 'a|b`c`\\|'\n", li.Element("pre")!.Value);
            }
        );
        Assert.Equal(5, html.Descendants("li").Count(li => li.Value.StartsWith(StepName, StringComparison.Ordinal)));
        Assert.Equal(5, html.Descendants("pre").Count(pre => pre.Value == HeredocCommand + "\n"));
        var gates = html.Descendants("p")
            .Where(p => p.Value.StartsWith("gate " + GateName, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, gates.Count);
        Assert.All(gates, g => Assert.Contains($"({string.Join(", ", DbHosts)})", g.Value, StringComparison.Ordinal));
        Assert.Equal(3, html.Descendants("pre").Count(pre => pre.Value == GateCommand + "\n"));

        // Nothing the names hold turned into markup of its own.
        AssertNoElements(html, "em", "del", "a", "h1", "b", "img", "ul");
    }

    [Fact]
    public async Task The_markdown_diff_of_hostile_names_renders_with_its_structure_and_the_names_shown_literally()
    {
        var markdown = await Diff();
        var html = Render(markdown);

        Assert.StartsWith($"<!-- runbook:diff hostile@{EncodedInventory} -->\n", markdown, StringComparison.Ordinal);
        Assert.Equal(["Runbook diff: hostile"], Texts(html, "h3"));
        Assert.Equal([Base, Head, InventoryName], html.Elements("p").First().Elements("code").Select(c => c.Value));
        var risk = Assert.Single(html.Descendants("li"));
        Assert.Contains($"'{GateName}'", risk.Value, StringComparison.Ordinal);
        Assert.Contains($"'{PhaseName}'", risk.Value, StringComparison.Ordinal);

        var section = Assert.Single(html.Descendants("details"));
        Assert.Equal($"Phase 1 {PhaseName}: changed", section.Elements().First().Value);
        var block = Assert.Single(section.Elements("pre")).Value;
        Assert.Contains("+ ", block, StringComparison.Ordinal);
        var changed = FirstCommand.Replace("{{ params.sep }}", "'a|b`c`\\|'", StringComparison.Ordinal);
        changed += " ```` changed";
        Assert.Contains(changed, block, StringComparison.Ordinal);
        Assert.Contains(GateName, block, StringComparison.Ordinal);
        AssertNoElements(html, "em", "del", "a", "h1", "b", "img", "ol");
    }

    [Fact]
    public async Task Outputs_posted_one_after_another_keep_their_headings_and_sections()
    {
        var unchanged = await CliRunner.RunAsync("diff", Base, Base, "-i", Inventory, "--format", "markdown");
        Assert.True(unchanged.ExitCode == 0, unchanged.Stderr);
        var diff = await Diff();
        var plan = await Plan();
        foreach (var output in new[] { diff, unchanged.Stdout, plan })
        {
            Assert.EndsWith("\n\n", output, StringComparison.Ordinal);
            Assert.False(output.EndsWith("\n\n\n", StringComparison.Ordinal), "one blank line ends an output");
        }

        // The recipe in docs/ci.md appends each runbook's diff to one comment.
        var html = Render(diff + unchanged.Stdout + diff + plan + plan);

        Assert.Equal(3, html.Elements("h3").Count(h => h.Value == "Runbook diff: hostile"));
        Assert.Equal(2, html.Elements("h2").Count(h => h.Value == "Plan: hostile"));
        var markers = html.Nodes().OfType<XComment>().Select(c => c.Value);
        Assert.Equal(5, markers.Count(m => m.StartsWith(" runbook:", StringComparison.Ordinal)));
        Assert.Equal(2 + 2 * 3, html.Elements("details").Count());
    }

    private async Task<string> Plan()
    {
        var result = await CliRunner.RunAsync("plan", Base, "-i", Inventory, "--format", "markdown");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    private async Task<string> Diff()
    {
        var result = await CliRunner.RunAsync("diff", Base, Head, "-i", Inventory, "--format", "markdown");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    /// <summary>
    /// The HTML cmark-gfm makes of the markdown, as XML under one root: cmark-gfm writes well-formed XHTML, and raw
    /// HTML (the details sections) passes through, so an unclosed or stray section fails to parse.
    /// </summary>
    private static XElement Render(string markdown)
    {
        // GitHub's extensions; --unsafe passes the details sections through, as GitHub does.
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

    private static void AssertNoElements(XElement html, params string[] names) =>
        Assert.DoesNotContain(html.Descendants(), e => names.Contains(e.Name.LocalName));

    private static List<string> Texts(XElement html, string element) =>
        html.Descendants(element).Select(e => e.Value).ToList();

    private static string Runbook(string firstCommand, bool withGate)
    {
        var gate = withGate
            ? $$"""
                    gates:
                      - name: {{Quoted(GateName)}}
                        on: any(role=db)
                        verify:
                          run: {{Quoted(GateCommand)}}
                          expect: { stdout: { equals: "a|b" } }
                """
            : string.Empty;
        return $$"""
            runbook: hostile
            description: |
            {{string.Concat(Description.Select(line => "  " + line + "\n"))}}params:
              sep: { type: string, default: {{Quoted(ParamDefault)}} }
            phases:
              - name: {{Quoted(PhaseName)}}
                hosts: all
                serial: 2
                accept_risks: { RB1002: {{Quoted(Reason)}} }
                steps:
                  - name: {{Quoted(StepName)}}
                    run: {{Quoted(firstCommand)}}
                  - name: "#5 - x"
                    run: {{Quoted(HeredocCommand)}}
            {{gate}}
            """;
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quoted(string value) =>
        "\""
        + value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
        + "\"";
}
