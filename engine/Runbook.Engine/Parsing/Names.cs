using System.Text.RegularExpressions;

namespace Runbook.Parsing;

internal static partial class Names
{
    /// <summary>Names usable in templates (params.NAME, vars.NAME): identifiers.</summary>
    public static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    /// <summary>Runbook names: identifiers that may also hold '-' and '.'.</summary>
    public static bool IsRunbookName(string name) => RunbookName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial Regex RunbookName();
}
