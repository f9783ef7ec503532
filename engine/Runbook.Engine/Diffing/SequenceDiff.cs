using DiffPlex;

namespace Runbook.Diffing;

/// <summary>
/// Where two sequences of strings (lines, or a command's words) differ, by DiffPlex's Myers diff: linear memory, where
/// the quadratic LCS tables it replaced needed 100 MB for two 5,000-line files. Each block is the items removed from
/// <c>before</c> and the items added in <c>after</c> at one place; unchanged items lie between blocks.
/// </summary>
internal static class SequenceDiff
{
    public readonly record struct Block(int Before, int Removed, int After, int Added);

    // DiffPlex diffs two texts, cut into pieces by a chunker. The pieces here are already cut, and may hold any
    // character, so the texts are two fixed keys and the chunker hands back the right list for each.
    private const string BeforeKey = "before";
    private const string AfterKey = "after";

    public static IReadOnlyList<Block> Blocks(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        if (before.Count == 0 || after.Count == 0)
        {
            return before.Count + after.Count == 0 ? [] : [new Block(0, before.Count, 0, after.Count)];
        }

        string[] Pieces(string key) => ReferenceEquals(key, BeforeKey) ? [.. before] : [.. after];
        var result = Differ.Instance.CreateCustomDiffs(BeforeKey, AfterKey, false, false, Pieces);
        return result
            .DiffBlocks.Select(b => new Block(b.DeleteStartA, b.DeleteCountA, b.InsertStartB, b.InsertCountB))
            .ToList();
    }
}
