using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>
/// A step's 'disrupts': <c>true</c> (the step takes its host down, every role of it) or a list of the roles it takes
/// down (<c>[etcd, control-plane]</c>). The safety rules count it as they count a recognised stop, restart or reboot.
/// <c>false</c> is refused rather than read as "not disruptive": the rules still recognise the command, and a risk
/// the plan has is accepted with the phase's 'accept_risks', where a diff shows it.
/// </summary>
internal static partial class DisruptsReader
{
    public const string Key = "disrupts";

    public static DeclaredDisruption? Read(NodeReader r, SyntaxNode? node, string where)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarSyntax s when s.AsBool() is { } b:
                if (b)
                    return new DeclaredDisruption([]);
                r.Diagnostics.Error(
                    Codes.DisruptsInvalid,
                    s.Span,
                    $"'disrupts: false' of {where} cannot say a step is harmless",
                    "leave 'disrupts' out; to run a disruption the safety rules warn about on purpose, accept the "
                        + "warning in the phase's 'accept_risks' with a reason"
                );
                return null;
            case SequenceSyntax seq:
                return Roles(r, seq, where);
            default:
                r.Diagnostics.Error(
                    Codes.DisruptsInvalid,
                    node.Span,
                    $"'disrupts' of {where} must be true or a list of roles, not {node.Describe()}",
                    "write 'disrupts: true' (the host goes down) or 'disrupts: [etcd, control-plane]'"
                );
                return null;
        }
    }

    private static DeclaredDisruption? Roles(NodeReader r, SequenceSyntax seq, string where)
    {
        if (seq.Items.Count == 0)
        {
            r.Diagnostics.Error(
                Codes.DisruptsInvalid,
                seq.Span,
                $"'disrupts' of {where} lists no role",
                "list the roles the step takes down, or write 'disrupts: true' for every role of the host"
            );
            return null;
        }

        var roles = new List<string>();
        var items = r.StringList(seq, $"'disrupts' of {where}") ?? [];
        var ok = items.Count == seq.Items.Count; // an item that is not a string was reported by StringList
        foreach (var item in items)
        {
            if (!RoleName().IsMatch(item.Value))
            {
                r.Diagnostics.Error(
                    Codes.DisruptsInvalid,
                    item.Span,
                    $"'{item.Value}' in 'disrupts' of {where} is not a role name",
                    "a role is a word like etcd, control-plane or worker, as the inventory's 'roles' spell it"
                );
                ok = false;
                continue;
            }

            if (!roles.Contains(item.Value, StringComparer.Ordinal))
                roles.Add(item.Value);
        }

        return ok && roles.Count > 0 ? new DeclaredDisruption([.. roles]) : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$")]
    private static partial Regex RoleName();
}
