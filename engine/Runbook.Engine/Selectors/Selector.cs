namespace Runbook.Selectors;

/// <summary>A host selector. <see cref="ToString"/> gives the canonical text shown in plans.</summary>
public abstract record Selector
{
    public abstract bool Matches(ISelectableHost host);

    public IReadOnlyList<THost> Select<THost>(IEnumerable<THost> hosts)
        where THost : ISelectableHost => hosts.Where(h => Matches(h)).ToList();

    /// <summary>Canonical text; compound selectors parenthesise their parts when needed.</summary>
    public abstract override string ToString();

    internal virtual int Precedence => 3;

    internal string Wrap(Selector inner) => inner.Precedence < Precedence ? $"({inner})" : inner.ToString();
}
