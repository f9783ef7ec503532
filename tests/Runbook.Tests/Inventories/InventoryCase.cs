using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Model;

namespace Runbook.Tests.Inventories;

/// <summary>
/// Runs a case file of Cases/ through the loader and compares the outcome with the '.expected.txt' file beside it:
/// the dumped inventory, followed by the diagnostics exactly as users see them.
/// </summary>
internal static class InventoryCase
{
    public static void Verify(string name)
    {
        var path = RepositoryFiles.Case(name);
        var expectedPath = Path.Combine(
            Path.GetDirectoryName(path)!,
            Path.GetFileNameWithoutExtension(name) + ".expected.txt"
        );
        Assert.True(File.Exists(expectedPath), $"missing expected result {expectedPath}");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        var actual = Render(path);
        if (expected == actual)
            return;
        Assert.Fail(
            $"{name}: the result differs from {Path.GetFileName(expectedPath)}\n{Diff(expected, actual)}\n--- "
                + $"actual ---\n{actual}"
        );
    }

    public static (InventoryDefinition? Inventory, DiagnosticBag Diagnostics) Load(string path)
    {
        var diagnostics = new DiagnosticBag();
        return (InventoryLoader.Load(path, diagnostics), diagnostics);
    }

    /// <summary>
    /// The outcome of loading <paramref name="path"/>, with paths in diagnostics relative to the case's directory (the
    /// file name for the case itself, group_vars/web.yml for a vars file beside it), so results do not depend on the
    /// checkout.
    /// </summary>
    public static string Render(string path)
    {
        var (inventory, diagnostics) = Load(path);
        var text = inventory is null ? string.Empty : InventoryDump.Format(inventory, Path.GetDirectoryName(path)!);
        if (diagnostics.Count == 0)
            return text;
        var directory = Path.GetDirectoryName(path)!;
        var shown = diagnostics
            .ToSortedList()
            .Select(d => d with { Span = d.Span with { File = Path.GetRelativePath(directory, d.Span.File) } })
            .ToList();
        return text
            + DiagnosticFormatter.Format(
                shown,
                file => new SourceText(file, File.ReadAllText(Path.Combine(directory, file)))
            );
    }

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        return string.Join(
            "\n",
            diff.Lines.Select(line =>
                line.Type switch
                {
                    ChangeType.Inserted => "+ " + line.Text,
                    ChangeType.Deleted => "- " + line.Text,
                    _ => "  " + line.Text,
                }
            )
        );
    }
}
