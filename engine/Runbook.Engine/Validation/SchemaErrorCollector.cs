using Json.Schema;

namespace Runbook.Validation;

/// <summary>
/// Picks the errors worth showing from JsonSchema.Net's hierarchical output. It walks failed results only, ignores
/// the condition of <c>if</c> (failing it selects <c>else</c>, it is not an error) and the branches of an
/// <c>anyOf</c>/<c>oneOf</c> that passed, and for one that failed keeps the branch the user evidently meant: the only
/// one whose failure is more than a wrong type. Without such a branch the alternatives merge into one error.
/// </summary>
internal sealed class SchemaErrorCollector(SchemaMessages messages)
{
    public List<SchemaError> Collect(EvaluationResults result)
    {
        var errors = new List<SchemaError>();
        if (result.IsValid)
            return errors;
        if (result.HasErrors)
        {
            foreach (var (keyword, message) in result.Errors!)
            {
                if (keyword != "oneOf")
                    errors.Add(messages.ForKeyword(result, keyword, message));
            }
        }

        if (!result.HasDetails)
            return errors;
        var location = result.InstanceLocation.ToString();
        foreach (
            var child in result.Details.Where(c => !c.IsValid && Combinator(c) is null && LastSegment(Path(c)) != "if")
        )
        {
            errors.AddRange(Collect(child));
        }

        foreach (var group in result.Details.Where(c => Combinator(c) is not null).GroupBy(c => Parent(Path(c))))
        {
            var branches = group.ToList();
            var passed = branches.Where(b => b.IsValid).ToList();
            if (passed.Count == 0 && branches.Where(ForbidsOnlyKeys).ToList() is { Count: > 1 } keys)
                passed = keys;
            if (passed.Count == 1 || (passed.Count > 1 && Combinator(branches[0]) == "anyOf"))
                continue;
            errors.AddRange(
                passed.Count > 1
                    ? [SchemaMessages.MatchesSeveral(location, passed.Select(Title).ToList())]
                    : Alternatives(location, branches)
            );
        }

        return errors;
    }

    /// <summary>The errors of an anyOf or oneOf whose branches all failed.</summary>
    private List<SchemaError> Alternatives(string location, List<EvaluationResults> branches)
    {
        var failures = branches.Select(b => (Branch: b, Errors: Collect(b))).ToList();
        var meant = failures.Where(f => !f.Errors.All(e => e.IsTypeErrorAt(location))).ToList();
        if (meant.Count == 1)
            return meant[0].Errors;
        if (meant.Count == 0)
        {
            var types = failures.SelectMany(f => f.Errors).SelectMany(e => e.Values).Distinct().ToList();
            if (types.Count > 0)
                return [messages.Types(location, types)];
        }
        else if (meant.SelectMany(f => f.Errors).All(e => e.Keyword == "required" && e.Location == location))
        {
            return
            [
                SchemaMessages.NeedsOneOf(
                    location,
                    meant.SelectMany(f => f.Errors).SelectMany(e => e.Values).Distinct().ToList()
                ),
            ];
        }

        return
        [
            messages.MatchesNone(location, (meant.Count > 0 ? meant : failures).Select(f => Title(f.Branch)).ToList()),
        ];
    }

    /// <summary>
    /// Whether a branch failed only on key names: the step kinds' branches each forbid the other kinds' keys (so
    /// editors can say what is wrong), and a value that fails several branches only so has the keys of several.
    /// </summary>
    private bool ForbidsOnlyKeys(EvaluationResults branch) =>
        Collect(branch) is { Count: > 0 } errors && errors.All(e => e is { Keyword: "pattern", AtKey: true });

    /// <summary>"anyOf" or "oneOf" when the result is one branch of such a combinator; null otherwise.</summary>
    private static string? Combinator(EvaluationResults result)
    {
        var path = Path(result);
        if (!LastSegment(path).All(char.IsAsciiDigit) || path.Length == 0)
            return null;
        var keyword = LastSegment(Parent(path));
        return keyword is "anyOf" or "oneOf" ? keyword : null;
    }

    private static string Path(EvaluationResults result) => result.EvaluationPath.ToString();

    private static string Parent(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Title(EvaluationResults branch) =>
        EmbeddedSchema.Title(Path(branch)) ?? "alternative " + LastSegment(Path(branch));
}
