namespace Runbook.Selectors;

/// <summary>role=etcd, role!=worker, name=cp-*, label.zone=a, role in (a, b), role not in (a, b). Values may be globs.</summary>
public sealed record ComparisonSelector(SelectorField Field, string? LabelKey, IReadOnlyList<string> Values, bool Negated, bool IsList) : Selector
{
    public override bool Matches(ISelectableHost host)
    {
        var hit = Field switch
        {
            SelectorField.Role => host.Roles.Any(r => Values.Any(v => Glob.IsMatch(v, r))),
            SelectorField.Name => Values.Any(v => Glob.IsMatch(v, host.Name)),
            _ => host.Labels.TryGetValue(LabelKey!, out var l) && Values.Any(v => Glob.IsMatch(v, l)),
        };
        return hit != Negated;
    }

    public override string ToString()
    {
        var field = Field switch { SelectorField.Role => "role", SelectorField.Name => "name", _ => "label." + LabelKey };
        if (IsList) return $"{field} {(Negated ? "not in" : "in")} ({string.Join(", ", Values)})";
        return $"{field}{(Negated ? "!=" : "=")}{Values[0]}";
    }
}
