using System.Text.RegularExpressions;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Reads an Ansible INI inventory: [group] sections of host lines ('name key=value ...', names may hold ranges),
/// [group:vars] and [group:children]; hosts before the first section are ungrouped. Values are typed as ansible-core
/// types them: each is read as a Python literal (<see cref="PythonLiteral"/>), on host lines after shell-like
/// unquoting, in [group:vars] as written after the '='.
/// </summary>
internal sealed partial class AnsibleIniReader
{
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly AnsibleInventory _inventory;
    private readonly IniGroupDeclarations _declarations;
    private IniSection _section = IniSection.Hosts;
    private AnsibleGroup _group;

    /// <summary>Reads into <paramref name="inventory"/>, which other sources may share.</summary>
    public AnsibleIniReader(SourceText source, DiagnosticBag diagnostics, AnsibleInventory? inventory = null)
    {
        _source = source;
        _diagnostics = diagnostics;
        _inventory = inventory ?? new AnsibleInventory();
        _declarations = new IniGroupDeclarations(_inventory.GroupNames);
        _group = _inventory.UngroupedGroup;
    }

    /// <summary>The inventory, or null when the file holds nothing but blank lines and comments.</summary>
    public AnsibleInventory? Read()
    {
        var lines = _source.Text.Split('\n');
        var empty = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            empty = false;
            var span = new SourceSpan(_source.Path, i + 1, raw.Length - raw.TrimStart().Length + 1, line.Length);
            if (line[0] == '[' && !BracketedHost().IsMatch(line))
                Header(line, span);
            else if (_section == IniSection.Hosts)
                HostLine(line, span);
            else if (_section == IniSection.Vars)
                VarLine(line, span);
            else if (_section == IniSection.Children)
                ChildLine(line, span);
        }

        if (empty)
        {
            _diagnostics.Error(Codes.EmptyFile, new SourceSpan(_source.Path, 1, 1), "the file is empty");
            return null;
        }

        _declarations.ReportUndeclared(_diagnostics);
        return _inventory;
    }

    private void Header(string line, SourceSpan span)
    {
        _section = IniSection.Skipped;
        var match = SectionHeader().Match(line);
        if (!match.Success)
        {
            _diagnostics.Error(Codes.BadSectionHeader, span, $"'{line}' is not a section header");
            return;
        }

        var name = match.Groups["group"].Value;
        var kind = match.Groups["kind"];
        var section = !kind.Success
            ? IniSection.Hosts
            : kind.Value switch
            {
                "hosts" => IniSection.Hosts,
                "vars" => IniSection.Vars,
                "children" => IniSection.Children,
                _ => IniSection.Skipped,
            };
        if (section == IniSection.Skipped)
        {
            _diagnostics.Error(
                Codes.BadSectionHeader,
                span.WithOffset(kind.Index - 1, kind.Length + 1),
                $"unknown section type ':{kind.Value}' in '[{name}:{kind.Value}]'",
                "a section is [group] for hosts, [group:vars] or [group:children]"
            );
            return;
        }

        _section = section;
        _group = _inventory.Group(name);
        if (section == IniSection.Vars)
            _declarations.Use(
                name,
                span.WithOffset(1, name.Length),
                $"[{name}:vars] sets vars of group '{name}', which is not declared"
            );
        else
            _declarations.Declare(name);
    }

    private void HostLine(string line, SourceSpan span)
    {
        if (IniTokenizer.Split(line, span, _diagnostics) is not { } tokens)
            return;
        var pattern = tokens[0];
        var patternSpan = span.WithOffset(pattern.Offset, pattern.Length);
        if (pattern.Text.Contains('=', StringComparison.Ordinal))
        {
            _diagnostics.Error(
                Codes.BadAssignment,
                patternSpan,
                $"expected a host name, found the variable '{pattern.Text}'",
                $"a host line is 'NAME key=value ...'; vars for the whole group go in a [{_group.Name}:vars] section"
            );
            return;
        }

        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var token in tokens.Skip(1))
        {
            var tokenSpan = span.WithOffset(token.Offset, token.Length);
            if (IniVariables.Split(token.Text, tokenSpan, _diagnostics) is var (key, value, valueSpan))
            {
                IniVariables.Set(key, value, valueSpan, vars, group: null, _diagnostics);
            }
        }

        if (HostPattern.Expand(pattern.Text, patternSpan, _diagnostics) is not { } hosts)
            return;
        if (!_inventory.Admit(hosts.Names, patternSpan, _diagnostics))
            return;
        foreach (var name in hosts.Names)
        {
            if (!HostName.IsValid(name, patternSpan, _diagnostics))
                continue;
            var host = _inventory.Host(name, patternSpan);
            host.Join(_group);
            if (hosts.Port is { } port)
                host.Vars[AnsibleConnectionVars.Port[^1]] = port;
            foreach (var (key, value) in vars)
                host.Vars[key] = value;
        }
    }

    private void VarLine(string line, SourceSpan span)
    {
        if (IniVariables.Split(line, span, _diagnostics) is var (key, value, valueSpan))
        {
            IniVariables.Set(key, value, valueSpan, _group.Vars, _group, _diagnostics);
        }
    }

    private void ChildLine(string line, SourceSpan span)
    {
        var match = GroupName().Match(line);
        if (!match.Success)
        {
            _diagnostics.Error(
                Codes.InventorySyntax,
                span,
                $"expected a group name, found '{line}'",
                $"[{_group.Name}:children] lists one group name per line"
            );
            return;
        }

        var name = match.Groups["group"].Value;
        var nameSpan = span.WithOffset(0, name.Length);
        _declarations.Use(name, nameSpan, $"[{_group.Name}:children] names group '{name}', which is not declared");
        _inventory.AddChild(_group, _inventory.Group(name), nameSpan, _diagnostics);
    }

    [GeneratedRegex(@"^\[(?<group>[^:\]\s#]+)(?::(?<kind>\w+))?\]\s*(?:#.*)?$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^(?<group>[^:\]\s#]+)\s*(?:#.*)?$")]
    private static partial Regex GroupName();

    /// <summary>
    /// A host line that starts with a bracket: an IPv6 address (or any host) with a port, [2001:db8::1]:2222.
    /// </summary>
    [GeneratedRegex(@"^\[[^\]\s]+\]:[0-9]+(?:\s|$)")]
    private static partial Regex BracketedHost();
}
