using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class VerifyReader
{
    public static readonly Duration DefaultEvery = new(TimeSpan.FromSeconds(5));
    public static readonly Duration DefaultWithin = new(TimeSpan.FromMinutes(1));
    private static readonly string[] Keys = ["run", "expect", "every", "within"];
    private static readonly string[] ExpectKeys = ["exit", "stdout", "stderr"];
    private static readonly string[] MatchKeys = ["equals", "contains", "regex"];

    public static VerifyDefinition? Read(NodeReader r, SyntaxNode node, string owner)
    {
        var where = $"'verify' of {owner}";
        var map = r.Mapping(node, where);
        if (map is null)
            return null;
        r.CheckKeys(map, where, Keys);
        var run = r.Required(map, "run", where) is { } s
            ? new TemplateText(s.Value, s.Span.WithOffset(s.ContentOffset, s.Value.Length))
            : null;
        var every = ValueReaders.Duration(r, map, "every") ?? DefaultEvery;
        var within = ValueReaders.Duration(r, map, "within") ?? DefaultWithin;
        if (every > within && map["every"] is not null)
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                map["every"]!.Span,
                $"'every' ({every}) is longer than 'within' ({within}): the check would run once",
                "make 'within' longer than 'every'"
            );
        }

        var expect = ReadExpect(r, map["expect"]);
        return run is null ? null : new VerifyDefinition(run, expect, every, within);
    }

    private static Expectation ReadExpect(NodeReader r, SyntaxNode? node)
    {
        var map = r.Mapping(node, "'expect'");
        if (map is null)
            return Expectation.Success;
        r.CheckKeys(map, "'expect'", ExpectKeys);
        return new Expectation(
            r.Int(map, "exit") ?? 0,
            Matcher(r, map["stdout"], "stdout"),
            Matcher(r, map["stderr"], "stderr")
        );
    }

    private static OutputMatcher? Matcher(NodeReader r, SyntaxNode? node, string stream)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarSyntax s:
                return new OutputMatcher(MatchKind.Equals, s.Value, s.Span);
            case MappingSyntax m:
                r.CheckKeys(m, $"'{stream}'", MatchKeys);
                var present = MatchKeys.Where(k => m[k] is not null).ToList();
                if (present.Count != 1)
                {
                    r.Diagnostics.Error(
                        Codes.InvalidValue,
                        m.Span,
                        $"'{stream}' needs exactly one of equals, contains or regex"
                    );
                    return null;
                }

                var value = r.Scalar(m[present[0]], $"'{present[0]}'");
                if (value is null)
                    return null;
                var kind = (MatchKind)Array.IndexOf(MatchKeys, present[0]);
                if (kind == MatchKind.Regex)
                    CheckRegex(r, value);
                return new OutputMatcher(kind, value.Value, value.Span);
            default:
                r.WrongType(node, $"'{stream}'", "a string or a mapping with equals, contains or regex");
                return null;
        }
    }

    private static void CheckRegex(NodeReader r, ScalarSyntax value)
    {
        try
        {
            _ = new Regex(value.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            r.Diagnostics.Error(Codes.BadRegex, value.Span, $"bad regular expression '{value.Value}': {ex.Message}");
        }
    }
}
