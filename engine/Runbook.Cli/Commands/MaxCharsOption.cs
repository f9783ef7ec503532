using System.CommandLine;
using Runbook.Errors;
using Runbook.Planning;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>--max-chars N</c> of <c>plan</c> and <c>diff</c>: the most characters the markdown output may have (a pull-
/// request
/// comment's limit). Over it, the engine posts a summary that says what it leaves out. Default 60,000 for markdown;
/// text and JSON are never cut, so the option is refused with them rather than silently ignored.
/// </summary>
internal static class MaxCharsOption
{
    public static Option<int?> Create() =>
        new("--max-chars")
        {
            Description =
                $"Most characters of the markdown output (default {CharBudget.Number(CharBudget.MarkdownDefault)}, at "
                + $"least {CharBudget.Number(CharBudget.Minimum)}); a longer one becomes a summary that says what it "
                + "leaves out",
        };

    /// <summary>The limit for <paramref name="format"/>: the given one or the default for markdown; null for
    /// others.</summary>
    public static int? Resolve(ParseResult parsed, Option<int?> option, string format)
    {
        var given = parsed.GetValue(option);
        if (format != "markdown")
        {
            return given is null
                ? null
                : throw new UsageException($"--max-chars applies to --format markdown only, not {format}");
        }

        if (given is { } n && n < CharBudget.Minimum)
            throw new UsageException($"--max-chars must be at least {CharBudget.Number(CharBudget.Minimum)}, not {n}");
        return given ?? CharBudget.MarkdownDefault;
    }
}
