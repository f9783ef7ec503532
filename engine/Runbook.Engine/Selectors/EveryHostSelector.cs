namespace Runbook.Selectors;

internal sealed record EveryHostSelector : Selector
{
    public static readonly EveryHostSelector Instance = new();

    public override bool Matches(ISelectableHost host) => true;

    public override string ToString() => "all";
}
