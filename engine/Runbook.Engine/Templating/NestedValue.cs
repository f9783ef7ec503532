namespace Runbook.Templating;

/// <summary>
/// What <c>| shell_quote_nested</c> returns: a value its author has marked as going into the script of a nested shell.
/// Printed, it is quoted for every shell level the engine finds around it, or for one more level than it sees.
/// </summary>
internal sealed class NestedValue(string? text)
{
    public string Text { get; } = text ?? string.Empty;

    public override string ToString() => Text;
}
