namespace Runbook.Diffing;

/// <summary>
/// The plan hashes a diff ends with, one line: the head's (what a reviewer approves, and what
/// <c>runbook run --plan</c> checks) and the base's. Hex digits and fixed words only, so nothing needs escaping.
/// </summary>
internal static class DiffHashes
{
    /// <summary>After a blank line when the diff listed changes, as its sections are.</summary>
    public static string Text(DiffResult diff) =>
        diff.HeadHash is { } head
            ? (diff.Changed ? "\n" : string.Empty)
                + $"plan hash {head} (base {diff.BaseHash ?? "none: a new runbook"})\n"
            : string.Empty;

    public static string Markdown(DiffResult diff) =>
        diff.HeadHash is { } head
            ? $"Plan hash `{head}` (base {(diff.BaseHash is { } b ? $"`{b}`" : "none: a new runbook")}).\n\n"
            : string.Empty;
}
