namespace Runbook.Selectors;

internal sealed record AndSelector(Selector Left, Selector Right) : Selector
{
    internal override int Precedence => 1;

    public override bool Matches(ISelectableHost host) => Left.Matches(host) && Right.Matches(host);

    public override string ToString() => $"{Wrap(Left)} and {Wrap(Right)}";
}
