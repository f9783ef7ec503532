using Runbook.Graph;

namespace Runbook.Compilation;

/// <summary>Param values after defaults, --param overrides and environment variables.</summary>
internal sealed record ResolvedParams(
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<ParamValue> Display,
    SecretMasker Masker
);
