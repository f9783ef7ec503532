using Runbook.Graph;

namespace Runbook.Compilation;

/// <summary>Param values after defaults, --param overrides and environment variables.</summary>
public sealed record ResolvedParams(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<ParamValue> Display, SecretMasker Masker);
