namespace Runbook.Compilation;

/// <summary>What the compiler takes besides the runbook and inventory: --param overrides and an environment lookup.</summary>
public sealed record CompileOptions(IReadOnlyDictionary<string, string> Params, Func<string, string?> Environment)
{
    /// <summary>
    /// --limit: a selector or an Ansible host pattern (<see cref="Inventories.HostLimit"/>); only the hosts it matches
    /// run. Null: every host the phases select.
    /// </summary>
    public string? Limit { get; init; }

    public static readonly CompileOptions Default = new(new Dictionary<string, string>(), _ => null);
}
