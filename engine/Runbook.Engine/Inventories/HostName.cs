using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>The one rule every format shares for host names: something to select and connect to.</summary>
internal static class HostName
{
    private const string Hint = "name hosts like etcd-1, 10.0.0.11 or web01.example.com";

    public static bool IsValid(string name, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (name.Length == 0)
        {
            diagnostics.Error(Codes.InvalidValue, span, "a host name must not be empty", Hint);
            return false;
        }

        if (name.Any(char.IsWhiteSpace))
        {
            diagnostics.Error(Codes.InvalidValue, span, $"host name '{name}' must not contain spaces", Hint);
            return false;
        }

        return true;
    }
}
