using Runbook.Errors;
using Runbook.Diffing;

namespace Runbook.Cli.Commands;

/// <summary>Writing a plan file (plan --out) and saying why a reviewed plan file refuses a run (run --plan).</summary>
internal static class PlanFiles
{
    public static async Task WriteAsync(string path, string text)
    {
        try
        {
            await File.WriteAllTextAsync(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// The refusal of a run whose plan differs from the reviewed one: RB0152 with what changed, both hashes and the
    /// diff of the two plan files (the reviewed one '-', the plan now '+').
    /// </summary>
    public static async Task PrintRefusalAsync(TextWriter error, PlanCheck check)
    {
        var changed = string.Join(", ", check.Changed);
        var code = Diagnostics.Codes.PlanChanged;
        await error.WriteLineAsync(
            $"{check.File}: error {code.Id}: the plan differs from the reviewed plan ({changed} changed); nothing ran"
        );
        await error.WriteLineAsync($"  reviewed plan hash {check.ReviewedHash}");
        await error.WriteLineAsync($"  plan hash now      {check.CurrentHash}");
        await error.WriteLineAsync($"  = hint: {code.DefaultHint}");
        if (check.Diff.Count == 0)
            return;
        await error.WriteLineAsync();
        await error.WriteLineAsync($"--- {check.File} (reviewed)");
        await error.WriteLineAsync("+++ the plan now");
        foreach (var line in check.Diff)
        {
            var text = line.Mark switch
            {
                Diffing.DiffLine.Context => "  " + line.Text,
                ' ' => line.Text,
                _ => line.Mark + " " + line.Text,
            };
            await error.WriteLineAsync(Diagnostics.VisibleText.Escape(text));
        }
    }
}
