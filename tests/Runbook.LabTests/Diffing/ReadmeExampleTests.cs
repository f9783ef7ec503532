using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>The worked example in README.md ("Reviewing changes") is the real output of the command it shows.</summary>
public class ReadmeExampleTests
{
    private const string Shipped = "runbooks/rke2-certificate-rotation.yaml";

    [Theory]
    [InlineData("text", "```")]
    [InlineData("markdown", "````")]
    public async Task The_readme_diff_example_matches_what_runbook_diff_prints(string format, string fence)
    {
        var head = Path.Combine(Directory.CreateTempSubdirectory("runbook-readme-").FullName, "head.yaml");
        var text = await File.ReadAllTextAsync(Shipped);
        var first = text.IndexOf("serial: 1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(
            head,
            string.Concat(text.AsSpan(0, first), "serial: 3", text.AsSpan(first + "serial: 1".Length))
        );
        try
        {
            var result = await CliRunner.RunAsync(
                "diff",
                $"HEAD:{Shipped}",
                head,
                "-i",
                "inventories/rke2-split-roles.yaml",
                "--exit-code",
                "--format",
                format
            );
            Assert.True(result.ExitCode == 1, result.Stderr);
            Assert.Contains(
                WithoutHashes(result.Stdout.Replace(head, Shipped, StringComparison.Ordinal)),
                ReadmeBlocks(format, fence).Select(WithoutHashes),
                StringComparer.Ordinal
            );
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(head)!, recursive: true);
        }
    }

    /// <summary>
    /// The plan hashes left out: they cover every byte of the shipped runbook and inventory (a comment too), so the
    /// README shows real ones without breaking on each such edit; PlanHashTests test the hash itself.
    /// </summary>
    private static string WithoutHashes(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "(?<=[Pp]lan hash[^\n]*)sha256:[0-9a-f]{64}", "sha256:…");

    /// <summary>The code blocks of README.md fenced with <paramref name="fence"/> and tagged <paramref
    /// name="language"/>.</summary>
    private static IEnumerable<string> ReadmeBlocks(string language, string fence)
    {
        var readme = File.ReadAllText("README.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var part in readme.Split($"\n{fence}{language}\n").Skip(1))
        {
            yield return part[..part.IndexOf("\n" + fence + "\n", StringComparison.Ordinal)] + "\n";
        }
    }
}
