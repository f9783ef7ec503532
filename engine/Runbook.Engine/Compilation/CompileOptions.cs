namespace Runbook.Compilation;

/// <summary>What the compiler takes besides the runbook and inventory: --param overrides and an environment lookup.</summary>
public sealed record CompileOptions(IReadOnlyDictionary<string, string> Params, Func<string, string?> Environment)
{
    public static readonly CompileOptions Default = new(new Dictionary<string, string>(), _ => null);
}
