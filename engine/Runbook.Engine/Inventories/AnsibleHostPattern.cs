using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Runbook.Model;

namespace Runbook.Inventories;

/// <summary>
/// Ansible host patterns, evaluated as ansible-core's InventoryManager does: patterns separated by ',' (or ':'),
/// '&amp;' intersects, '!' excludes (all unions first, then intersections, then exclusions; only those two: 'all'
/// first); each names groups (their hosts, children included) and hosts by shell glob (* ? [abc] [!abc]) or, after
/// '~', by regular expression (matched from the start of the name); a pattern may end in a subscript, g[0], g[-1],
/// g[1:3] (inclusive) or g[2:], over the hosts it matched in Ansible's order.
/// </summary>
internal sealed partial class AnsibleHostPattern
{
    private static readonly TimeSpan RegexLimit = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<string> _patterns;

    private AnsibleHostPattern(IReadOnlyList<string> patterns) => _patterns = patterns;

    public string Text => string.Join(':', _patterns);

    /// <summary>
    /// Parses <paramref name="text"/>; null with the reason when a regular expression does not compile.
    /// </summary>
    public static AnsibleHostPattern? Parse(string text, out string? error)
    {
        error = null;
        var patterns = Split(text);
        if (patterns.Count == 0)
        {
            error = "it names no group or host";
            return null;
        }

        foreach (var pattern in patterns)
        {
            var bare = pattern[0] is '&' or '!' ? pattern[1..] : pattern;
            if (bare.Length == 0)
            {
                error = $"'{pattern}' names no group or host";
                return null;
            }

            if (bare[0] != '~')
                continue;
            try
            {
                _ = new Regex(bare[1..], RegexOptions.CultureInvariant, RegexLimit);
            }
            catch (ArgumentException ex)
            {
                error = $"'{bare[1..]}' is not a regular expression: {ex.Message}";
                return null;
            }
        }

        return new AnsibleHostPattern(patterns);
    }

    /// <summary>
    /// The hosts the patterns select, in Ansible's order; null with the reason for a subscript past the end.
    /// </summary>
    public List<string>? Evaluate(InventoryDefinition inventory, out string? error)
    {
        error = null;
        var hostNames = inventory.Hosts.Select(h => h.Name).ToList();
        var known = hostNames.ToHashSet(StringComparer.Ordinal);
        var regular = _patterns.Where(p => p[0] is not ('&' or '!')).ToList();
        if (regular.Count == 0)
            regular.Add("all");
        var ordered = regular.Concat(_patterns.Where(p => p[0] == '&')).Concat(_patterns.Where(p => p[0] == '!'));
        var hosts = new List<string>();
        foreach (var pattern in ordered)
        {
            if (known.Contains(pattern))
            {
                if (!hosts.Contains(pattern))
                    hosts.Add(pattern);
                continue;
            }

            if (MatchOne(inventory, hostNames, pattern, out error) is not { } that)
                return null;
            var set = that.ToHashSet(StringComparer.Ordinal);
            if (pattern[0] == '!')
                hosts.RemoveAll(set.Contains);
            else if (pattern[0] == '&')
                hosts.RemoveAll(h => !set.Contains(h));
            else
                hosts.AddRange(that.Where(h => !hosts.Contains(h)).Distinct(StringComparer.Ordinal).ToList());
        }

        return hosts.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string>? MatchOne(
        InventoryDefinition inventory,
        List<string> hostNames,
        string pattern,
        out string? error
    )
    {
        error = null;
        if (pattern[0] is '&' or '!')
            pattern = pattern[1..];
        var (expression, subscript) = SplitSubscript(pattern);
        var hosts = Enumerate(inventory, hostNames, expression);
        if (subscript is not var (start, end) || hosts.Count == 0)
            return hosts;

        // Python slicing: an index may count from the end; a range past the end is cut short, a lone index is not.
        if (end is null)
        {
            var index = start < 0 ? hosts.Count + start : start;
            if (index < 0 || index >= hosts.Count)
            {
                error = $"'{pattern}' asks for host {start} of {hosts.Count}, which does not exist (the first is [0])";
                return null;
            }

            return [hosts[index]];
        }

        var last = end == -1 ? hosts.Count - 1 : end.Value;
        var from = Math.Clamp(start, 0, hosts.Count);
        var to = Math.Clamp(last + 1, from, hosts.Count);
        return hosts.GetRange(from, to - from);
    }

    private static List<string> Enumerate(InventoryDefinition inventory, List<string> hostNames, string pattern)
    {
        var match = Matcher(pattern);
        var results = new List<string>();
        var groups = inventory.Groups.Where(g => match(g.Name)).ToList();
        foreach (var group in groups)
            results.AddRange(group.Hosts);
        if (groups.Count == 0 || pattern[0] == '~' || pattern.AsSpan().IndexOfAny(".?*[") >= 0)
        {
            results.AddRange(hostNames.Where(match));
        }

        return results.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>fnmatch for a glob (the whole name), re.match for '~regex' (from the start of the name).</summary>
    private static Func<string, bool> Matcher(string pattern)
    {
        var regex =
            pattern[0] == '~'
                ? new Regex(@"\A(?:" + pattern[1..] + ")", RegexOptions.CultureInvariant, RegexLimit)
                : new Regex(
                    @"\A(?:" + Translate(pattern) + @")\z",
                    RegexOptions.CultureInvariant | RegexOptions.Singleline,
                    RegexLimit
                );
        return name =>
        {
            try
            {
                return regex.IsMatch(name);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        };
    }

    /// <summary>Python's fnmatch.translate: * ? [seq] [!seq], everything else literal.</summary>
    private static string Translate(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*')
                sb.Append(".*");
            else if (c == '?')
                sb.Append('.');
            else if (c == '[')
            {
                var j = i + 1;
                if (j < glob.Length && glob[j] == '!')
                    j++;
                if (j < glob.Length && glob[j] == ']')
                    j++;
                while (j < glob.Length && glob[j] != ']')
                    j++;
                if (j >= glob.Length)
                {
                    sb.Append(@"\[");
                    continue;
                }

                var inside = glob[(i + 1)..j].Replace(@"\", @"\\", StringComparison.Ordinal);
                if (inside.StartsWith('!'))
                    inside = "^" + inside[1..];
                else if (inside.StartsWith('^'))
                    inside = @"\" + inside;
                sb.Append('[').Append(inside.Replace("[", @"\[", StringComparison.Ordinal)).Append(']');
                i = j;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return sb.ToString();
    }

    /// <summary>A trailing [n], [-n], [x:y], [x:] or [x-y] of a non-regex pattern.</summary>
    private static (string Pattern, (int Start, int? End)? Subscript) SplitSubscript(string pattern)
    {
        if (pattern[0] == '~')
            return (pattern, null);
        var m = Subscript().Match(pattern);
        if (!m.Success)
            return (pattern, null);
        var indexText = m.Groups["index"].Value;
        if (
            m.Groups["index"].Success
            && int.TryParse(indexText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)
        )
        {
            return (m.Groups["pattern"].Value, (index, null));
        }

        if (!int.TryParse(m.Groups["start"].Value, CultureInfo.InvariantCulture, out var start))
            return (pattern, null);
        var endText = m.Groups["end"].Value;
        var end =
            endText.Length == 0 ? -1
            : int.TryParse(endText, CultureInfo.InvariantCulture, out var e) ? e
            : -1;

        // Ansible reads an end of 0 as "no end", returning one host: [0:0] is [0].
        return (m.Groups["pattern"].Value, (start, end == 0 ? null : end));
    }

    /// <summary>
    /// split_host_pattern: ',' separates; else one address (IPv6, a range) stays whole; else ':' separates.
    /// </summary>
    private static List<string> Split(string text)
    {
        IEnumerable<string> parts;
        if (text.Contains(',', StringComparison.Ordinal))
            parts = text.Split(',');
        else if (AnsibleAddress.IsHost(text.Trim()))
            parts = [text];
        else
            parts = ColonParts().Matches(text).Select(m => m.Value);
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    [GeneratedRegex(
        @"^(?<pattern>.+)\[(?:(?<index>-?[0-9]+)|(?<start>[0-9]+)[:-](?<end>[0-9]*))\]$",
        RegexOptions.Singleline
    )]
    private static partial Regex Subscript();

    [GeneratedRegex(@"(?:[^\s:\[\]]|\[[^\]]*\])+")]
    private static partial Regex ColonParts();
}
