using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Selectors;

namespace Runbook.Inventories;

/// <summary>
/// A limit on the hosts a run touches (the engine side of --limit): either a Runbook selector (role=etcd and
/// label.zone=a, var.zone=b) or an Ansible host pattern (web:&amp;zone_a:!web3, web[0:2], ~web\d+). Text with '=' or
/// 'in (' is a selector; anything else is a host pattern ('all' and '*' mean every host in both).
/// The limit narrows what runs; it does not change the inventory (safety rules still see every member of a role).
/// </summary>
public sealed partial class HostLimit
{
    /// <summary>The file name diagnostics about a limit carry: it comes from the command line, not a file.</summary>
    public const string Origin = "command line";

    private readonly Selector? _selector;
    private readonly AnsibleHostPattern? _pattern;

    private HostLimit(string text, Selector? selector, AnsibleHostPattern? pattern)
    {
        Text = text;
        _selector = selector;
        _pattern = pattern;
    }

    /// <summary>The limit as written.</summary>
    public string Text { get; }

    /// <summary>True when the text is read as a Runbook selector, false for an Ansible host pattern.</summary>
    public bool IsSelector => _selector is not null;

    /// <summary>Parses a limit; null after reporting why it cannot be read.</summary>
    public static HostLimit? Parse(string text, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var span = SourceSpan.None(Origin);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            diagnostics.Error(Codes.BadLimit, span, "the limit is empty");
            return null;
        }

        if (LooksLikeSelector(trimmed))
        {
            var found = new DiagnosticBag();
            var selector = SelectorParser.Parse(trimmed, span, found);
            foreach (var d in found.ToSortedList())
            {
                var message = d.Message.Replace("bad selector", "bad limit", StringComparison.Ordinal);
                diagnostics.Add(d with { Code = Codes.BadLimit.Id, Message = message });
            }

            return selector is null ? null : new HostLimit(trimmed, selector, null);
        }

        var pattern = AnsibleHostPattern.Parse(trimmed, out var error);
        if (pattern is null)
        {
            diagnostics.Error(Codes.BadLimit, span, $"bad limit '{trimmed}': {error}");
            return null;
        }

        return new HostLimit(trimmed, null, pattern);
    }

    /// <summary>
    /// The inventory's hosts within the limit, in inventory order. A limit that matches no host is an error
    /// (so is a subscript past the end of what it indexes): nothing should run, and the operator should know why.
    /// </summary>
    public IReadOnlyList<HostDefinition> Apply(InventoryDefinition inventory, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var span = SourceSpan.None(Origin);
        IReadOnlyList<HostDefinition> hosts;
        if (_selector is not null)
        {
            hosts = _selector.Select(inventory.Hosts);
        }
        else
        {
            var names = _pattern!.Evaluate(inventory, out var error);
            if (names is null)
            {
                diagnostics.Error(Codes.EmptyLimit, span, $"limit '{Text}': {error}");
                return [];
            }

            var selected = names.ToHashSet(StringComparer.Ordinal);
            hosts = inventory.Hosts.Where(h => selected.Contains(h.Name)).ToList();
        }

        if (hosts.Count == 0)
        {
            var message = $"limit '{Text}' matches no host in inventory '{inventory.Name}'";
            diagnostics.Error(Codes.EmptyLimit, span, message);
        }

        return hosts;
    }

    public override string ToString() => Text;

    /// <summary>
    /// A selector compares (role=etcd, label.zone!=a, role in (a, b)); a host pattern never has '=' or 'in ('.
    /// </summary>
    private static bool LooksLikeSelector(string text) =>
        text[0] != '~' && (text.Contains('=', StringComparison.Ordinal) || InList().IsMatch(text));

    [GeneratedRegex(@"\b(?:not\s+)?in\s*\(")]
    private static partial Regex InList();
}
