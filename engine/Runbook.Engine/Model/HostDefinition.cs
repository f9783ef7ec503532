using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

/// <summary>One inventory host. Roles keep their inventory order; labels and vars are sorted by key.</summary>
public sealed record HostDefinition(
    string Name,
    string Address,
    int Port,
    string? User,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, object?> Vars,
    string? Jump,
    string? IdentityFile,
    SourceSpan Span) : ISelectableHost
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
