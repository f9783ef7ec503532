namespace Runbook.Selectors;

internal sealed record NotSelector(Selector Inner) : Selector
{
    internal override int Precedence => 2;

    public override bool Matches(ISelectableHost host) => !Inner.Matches(host);

    public override string ToString() => $"not {Wrap(Inner)}";
}
