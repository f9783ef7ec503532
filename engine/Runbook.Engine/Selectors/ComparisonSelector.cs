namespace Runbook.Selectors;

/// <summary>
/// role=etcd, role!=worker, name=cp-*, label.zone=a, var.zone=b, role in (a, b), role not in (a, b). Values may be
/// globs. <paramref name="LabelKey"/> is the key of a label or a var. Every host also has the roles 'all', and
/// 'ungrouped' when it has no other role, as in Ansible; only a value naming them exactly matches them, so role=*
/// still means "has a role".
/// </summary>
internal sealed record ComparisonSelector(
    SelectorField Field,
    string? LabelKey,
    IReadOnlyList<string> Values,
    bool Negated,
    bool IsList
) : Selector
{
    public override bool Matches(ISelectableHost host)
    {
        var hit = Field switch
        {
            SelectorField.Role => host.Roles.Any(r => Values.Any(v => Glob.IsMatch(v, r)))
                || Values.Any(v => IsImpliedRole(v, host.Roles)),
            SelectorField.Name => Values.Any(v => Glob.IsMatch(v, host.Name)),
            SelectorField.Var => VarText.Of(host.Vars, LabelKey!) is { } text && Values.Any(v => Glob.IsMatch(v, text)),
            _ => host.Labels.TryGetValue(LabelKey!, out var l) && Values.Any(v => Glob.IsMatch(v, l)),
        };
        return hit != Negated;
    }

    /// <summary>Ansible's built-in groups: 'all' holds every host, 'ungrouped' those in no other group.</summary>
    private static bool IsImpliedRole(string value, IReadOnlyList<string> roles) =>
        value == "all" || (value == "ungrouped" && roles.Count == 0);

    public override string ToString()
    {
        var field = Field switch
        {
            SelectorField.Role => "role",
            SelectorField.Name => "name",
            SelectorField.Var => "var." + LabelKey,
            _ => "label." + LabelKey,
        };
        if (IsList)
            return $"{field} {(Negated ? "not in" : "in")} ({string.Join(", ", Values)})";
        return $"{field}{(Negated ? "!=" : "=")}{Values[0]}";
    }
}
