namespace Runbook.Parsing;

/// <summary>Reads the optional top-level 'quorum_roles' of a runbook or a native inventory: a list of role names.</summary>
internal static class QuorumRoles
{
    public static IReadOnlyList<string> Read(NodeReader reader, SyntaxNode? node) =>
        reader
            .StringList(node, "'quorum_roles'")
            ?.Select(s => s.Value)
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList()
        ?? [];
}
