namespace Runbook.Validation;

/// <summary>
/// One selected schema error: where (a JSON pointer), which keyword failed, the message, and the values that let
/// errors from alternatives merge (the expected types of a <c>type</c> error, the missing keys of a <c>required</c> one).
/// </summary>
internal sealed record SchemaError(
    string Location,
    string Keyword,
    string Message,
    IReadOnlyList<string> Values,
    bool AtKey = false
)
{
    public bool IsTypeErrorAt(string location) => Keyword == "type" && Location == location;
}
