namespace Runbook.Safety;

/// <summary>Hosts named in a note: all of a few, the first ones of many (a note stays one readable line).</summary>
internal static class HostList
{
    private const int Shown = 5;

    public static string Of(IReadOnlyList<string> hosts) =>
        hosts.Count <= Shown
            ? string.Join(", ", hosts)
            : string.Join(", ", hosts.Take(Shown)) + $" and {hosts.Count - Shown} more";

    /// <summary>"it" for one host, "them" for more.</summary>
    public static string Them(IReadOnlyList<string> hosts) => hosts.Count == 1 ? "it" : "them";
}
