using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Variables in an INI inventory. Each value is read as a Python literal, as ansible-core reads it (8080 is a number,
/// True a boolean, '8080' a string; anything else stays the text written); the connection port must be a whole number
/// from 1 to 65535, and ansible_group_priority, in [group:vars], sets the group's priority instead of a var.
/// </summary>
internal static class IniVariables
{
    /// <summary>Reads 'key=value' from <paramref name="text"/>, which starts at <paramref name="span"/>.</summary>
    public static (string Key, string Value, SourceSpan ValueSpan)? Split(
        string text,
        SourceSpan span,
        DiagnosticBag diagnostics
    )
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            diagnostics.Error(Codes.BadAssignment, span, $"expected key=value, found '{text}'");
            return null;
        }

        var key = text[..equals].Trim();
        if (key.Length == 0)
        {
            diagnostics.Error(Codes.BadAssignment, span, $"'{text}' has no variable name before '='");
            return null;
        }

        var value = text[(equals + 1)..];
        var blank = value.Length - value.TrimStart().Length;
        return (key, value.Trim(), span.WithOffset(equals + 1 + blank, value.Trim().Length));
    }

    public static void Set(
        string key,
        string text,
        SourceSpan span,
        Dictionary<string, object?> into,
        AnsibleGroup? group,
        DiagnosticBag diagnostics
    )
    {
        var value = PythonLiteral.Evaluate(text);
        if (AnsibleConnectionVars.IsPort(key))
        {
            if (PortNumber.FromValue(value, span, $"'{key}'", diagnostics) is { } port)
                into[key] = port;
        }
        else if (group is not null && key == AnsibleConnectionVars.GroupPriority)
        {
            var number = value switch
            {
                long l => l,
                string s
                    when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                _ => (long?)null,
            };
            if (number is >= int.MinValue and <= int.MaxValue)
                group.Priority = (int)number.Value;
            else
                diagnostics.Error(Codes.WrongType, span, $"'{key}' must be a whole number, not '{text}'");
        }
        else
        {
            into[key] = value;
        }
    }
}
