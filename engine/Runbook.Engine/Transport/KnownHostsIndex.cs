namespace Runbook.Transport;

/// <summary>
/// known_hosts entries by the names they list literally, so that finding a host's entries does not glob-match every
/// line: the lab's 1,000-host known_hosts made that 2,000 matches per connect, 2 million per run. Entries with
/// wildcards, negations or hashed names are tried one by one, as before. Results keep the file order.
/// </summary>
internal sealed class KnownHostsIndex
{
    private readonly Dictionary<string, List<int>> _literal = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _others = [];
    private readonly IReadOnlyList<KnownHostEntry> _entries;

    public KnownHostsIndex(IReadOnlyList<KnownHostEntry> entries)
    {
        _entries = entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var patterns = entries[i].Patterns;
            if (patterns.StartsWith("|1|", StringComparison.Ordinal) || patterns.AsSpan().IndexOfAny("*?!") >= 0)
            {
                _others.Add(i);
                continue;
            }

            // Literal names only: the entry matches exactly these names (case-insensitively, as Glob.IsMatch does).
            foreach (var name in patterns.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!_literal.TryGetValue(name, out var list))
                    _literal[name] = list = [];
                if (list.Count == 0 || list[^1] != i)
                    list.Add(i);
            }
        }
    }

    /// <summary>
    /// The entries with <paramref name="marker"/> that name any of <paramref name="names"/>, in file order.
    /// </summary>
    public IReadOnlyList<KnownHostEntry> Matching(IReadOnlyCollection<string> names, KnownHostMarker marker)
    {
        var candidates = new SortedSet<int>(_others);
        foreach (var name in names)
        {
            if (_literal.TryGetValue(name, out var list))
                candidates.UnionWith(list);
        }

        return candidates.Select(i => _entries[i]).Where(e => e.Marker == marker && names.Any(e.Matches)).ToList();
    }
}
