using System.Text.Json;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Parsing;
using Runbook.Tests.Support;

namespace Runbook.Tests.Validation.Oracle;

/// <summary>
/// The files the schema oracles compare runbook with: every runbook and native inventory the tests and the repository
/// hold (the schema cases, the validation and inventory error cases, the diff and plan cases, the shipped files), and
/// what `runbook validate` says about each.
/// </summary>
internal static class OracleFiles
{
    /// <summary>
    /// The codes of problems with a file's shape: schema.json can say all of them, so an editor must flag exactly the
    /// lines runbook flags in a file that has only these. Other codes (selectors, templates, durations, names) are the
    /// language's own checks, beyond a schema.
    /// </summary>
    public static readonly string[] ShapeCodes =
    [
        Codes.EmptyFile.Id,
        Codes.DuplicateKey.Id,
        Codes.UnknownKey.Id,
        Codes.WrongType.Id,
        Codes.MissingKey.Id,
        Codes.StepKind.Id,
        Codes.Schema.Id,
    ];

    private static readonly Lazy<IReadOnlyList<string>> LazyAll = new(Find);

    /// <summary>Paths relative to the repository root, as a user types them.</summary>
    public static IReadOnlyList<string> All => LazyAll.Value;

    public static TheoryData<string> Theory() => [.. All];

    /// <summary>The errors `runbook validate --format json FILE` reports, from the real CLI.</summary>
    public static async Task<IReadOnlyList<Reported>> RunbookValidate(string file)
    {
        var result = await CliRunner.RunAsync("validate", "--format", "json", file);
        Assert.True(result.ExitCode is 0 or 2, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        return json
            .RootElement.EnumerateArray()
            .Where(d => d.GetProperty("severity").GetString() == "error")
            .Select(d => new Reported(
                d.GetProperty("line").GetInt32(),
                d.GetProperty("column").GetInt32(),
                d.GetProperty("code").GetString()!,
                d.GetProperty("message").GetString()!
            ))
            .ToList();
    }

    /// <summary>The YAML tree of a file, from the engine's own loader, to find what a position points at.</summary>
    public static SyntaxNode? Tree(string file)
    {
        var source = new SourceText(file, File.ReadAllText(Path.Combine(RepoRoot.Path, file)));
        return SourceLoader.ParseYaml(source, new DiagnosticBag())?.Root;
    }

    /// <summary>The mapping entry whose key starts at a position, with the mapping that holds it.</summary>
    public static (ScalarSyntax Key, SyntaxNode Value, MappingSyntax Parent)? EntryAt(
        SyntaxNode? node,
        int line,
        int column
    )
    {
        switch (node)
        {
            case MappingSyntax map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key.Span.Line == line && key.Span.Column == column)
                        return (key, value, map);
                    if (EntryAt(value, line, column) is { } inner)
                        return inner;
                }

                return null;
            case SequenceSyntax list:
                return list.Items.Select(item => EntryAt(item, line, column)).FirstOrDefault(e => e is not null);
            default:
                return null;
        }
    }

    private static List<string> Find()
    {
        string[] folders =
        [
            "tests/Runbook.Tests/Validation/SchemaCases",
            "tests/Runbook.Tests/Validation/Cases",
            "tests/Runbook.Tests/Inventories/Cases",
            "tests/Runbook.Tests/Diffing/Cases",
            "tests/Runbook.Tests/Planning/Cases",
            "runbooks",
            "inventories",
        ];
        return folders
            .SelectMany(f => Directory.GetFiles(Path.Combine(RepoRoot.Path, f), "*.yaml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
            .Where(f => !IsAnsible(f) && !IsHostile(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Fuzzer findings (fuzz-*.yaml) are hostile on purpose, such as an alias bomb: editors and Ajv's YAML loader
    /// refuse
    /// to load them at all ("Excessive alias count"), so there is nothing to compare; they test runbook's own limits.
    /// </summary>
    private static bool IsHostile(string file) => Path.GetFileName(file).StartsWith("fuzz-", StringComparison.Ordinal);

    /// <summary>Ansible inventories are read as they are; schema.json describes only Runbook's own format.</summary>
    private static bool IsAnsible(string file) =>
        Tree(file) is MappingSyntax { Entries.Count: > 0 } root
        && root["runbook"] is null
        && !InventoryFormatDetector.IsNative(root);
}

/// <summary>One error as runbook reports it.</summary>
internal sealed record Reported(int Line, int Column, string Code, string Message);
