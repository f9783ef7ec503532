namespace Runbook.Selectors;

internal sealed record OrSelector(Selector Left, Selector Right) : Selector
{
    internal override int Precedence => 0;

    public override bool Matches(ISelectableHost host) => Left.Matches(host) || Right.Matches(host);

    public override string ToString() => $"{Wrap(Left)} or {Wrap(Right)}";
}
