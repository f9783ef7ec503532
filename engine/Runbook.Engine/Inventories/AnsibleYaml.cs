using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Mappings of Ansible's YAML files as PyYAML builds them: a merge key (<c>&lt;&lt;: *anchor</c>, or a list of
/// anchors) brings in the entries of other mappings; keys written beside it win, and among merged mappings the first
/// listed wins. A key keeps the place where it first appears, with the value that wins.
/// </summary>
internal static class AnsibleYaml
{
    public const string MergeKey = "<<";

    public static IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> Entries(
        MappingSyntax map,
        DiagnosticBag diagnostics
    ) => Entries(map, diagnostics, depth: 0);

    private static IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> Entries(
        MappingSyntax map,
        DiagnosticBag diagnostics,
        int depth
    )
    {
        if (!map.Entries.Any(e => IsMerge(e.Key)))
            return map.Entries;
        if (depth > YamlTreeBuilder.MaxDepth)
        {
            var message = $"merge keys are nested more than {YamlTreeBuilder.MaxDepth} levels deep";
            diagnostics.Error(Codes.TooDeep, map.Span, message);
            return [];
        }

        var ordered = new List<KeyValuePair<ScalarSyntax, SyntaxNode>>();
        foreach (var (key, value) in map.Entries.Where(e => IsMerge(e.Key)))
        {
            var sources = value switch
            {
                MappingSyntax single => [single],
                SequenceSyntax list when list.Items.All(i => i is MappingSyntax) => list
                    .Items.Cast<MappingSyntax>()
                    .ToList(),
                _ => null,
            };
            if (sources is null)
            {
                diagnostics.Error(
                    Codes.InvalidValue,
                    value.Span,
                    "a merge key '<<' takes a mapping or a list of mappings",
                    "write '<<: *anchor' or '<<: [*a, *b]'"
                );
                continue;
            }

            // PyYAML puts the merged mappings in reverse order before the mapping's own keys; later entries win.
            for (var i = sources.Count - 1; i >= 0; i--)
                ordered.AddRange(Entries(sources[i], diagnostics, depth + 1));
        }

        ordered.AddRange(map.Entries.Where(e => !IsMerge(e.Key)));
        var result = new List<KeyValuePair<ScalarSyntax, SyntaxNode>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            if (index.TryGetValue(entry.Key.Value, out var at))
                result[at] = new(result[at].Key, entry.Value);
            else
            {
                index[entry.Key.Value] = result.Count;
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>The entry's value in <paramref name="map"/> after merging, or null.</summary>
    public static SyntaxNode? Get(MappingSyntax map, string key, DiagnosticBag diagnostics)
    {
        foreach (var (k, v) in Entries(map, diagnostics))
        {
            if (k.Value == key)
                return v;
        }

        return null;
    }

    private static bool IsMerge(ScalarSyntax key) => key.Style == ScalarStyle.Plain && key.Value == MergeKey;
}
