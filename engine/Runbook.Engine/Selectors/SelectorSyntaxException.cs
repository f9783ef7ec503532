namespace Runbook.Selectors;

/// <summary>Internal to the selector parser: unwinds to <see cref="SelectorParser.Parse"/>, which reports a diagnostic.</summary>
internal sealed class SelectorSyntaxException(string message, int offset, int length) : Exception(message)
{
    public int Offset { get; } = offset;

    public int Length { get; } = length;
}
