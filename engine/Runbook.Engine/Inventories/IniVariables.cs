using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Variables in an INI inventory. Values are strings, as written; only the connection port must be a number, and
/// ansible_group_priority, in [group:vars], sets the group's priority instead of a var.
/// </summary>
internal static class IniVariables
{
    /// <summary>Reads 'key=value' from <paramref name="text"/>, which starts at <paramref name="span"/>.</summary>
    public static (string Key, string Value, SourceSpan ValueSpan)? Split(string text, SourceSpan span, DiagnosticBag diagnostics)
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

    public static void Set(string key, string value, SourceSpan span, Dictionary<string, object?> into, AnsibleGroup? group, DiagnosticBag diagnostics)
    {
        if (AnsibleConnectionVars.IsPort(key))
        {
            if (PortNumber.Parse(value, span, $"'{key}'", diagnostics) is { } port) into[key] = port;
        }
        else if (group is not null && key == AnsibleConnectionVars.GroupPriority)
        {
            if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)) group.Priority = priority;
            else diagnostics.Error(Codes.WrongType, span, $"'{key}' must be a whole number, not '{value}'");
        }
        else
        {
            into[key] = value;
        }
    }

    /// <summary>A [group:vars] value: the rest of the line, without the quotes around it if it has any.</summary>
    public static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
}
