using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Ansible's INI rule that a group must be declared, by a [group] or [group:children] section, anywhere in the file
/// before [group:vars] or another group's children may name it: a misspelt group is an error, not a new empty group.
/// </summary>
internal sealed class IniGroupDeclarations(IEnumerable<string> known)
{
    /// <summary>Groups already known: 'all', 'ungrouped' and those of sources read before this file.</summary>
    private readonly HashSet<string> _declared = new(known, StringComparer.Ordinal)
    {
        AnsibleInventory.All,
        AnsibleInventory.Ungrouped,
    };
    private readonly List<GroupReference> _references = [];

    public void Declare(string group) => _declared.Add(group);

    /// <summary>Notes a use of <paramref name="group"/>, with the message to report if it is never declared.</summary>
    public void Use(string group, SourceSpan span, string message) => _references.Add(new(group, span, message));

    public void ReportUndeclared(DiagnosticBag diagnostics)
    {
        foreach (var reference in _references.Where(r => !_declared.Contains(r.Group)))
        {
            var guess = Suggest.Closest(reference.Group, _declared);
            var hint = guess is null ? null : $"did you mean '{guess}'? {Codes.UndefinedGroup.DefaultHint}";
            diagnostics.Error(Codes.UndefinedGroup, reference.Span, reference.Message, hint);
        }
    }
}
