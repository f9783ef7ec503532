namespace Runbook.Diffing;

/// <summary>A base item and its head counterpart; one side is null for an item removed or added.</summary>
internal sealed record Match<T>(T? Before, T? After, bool Renamed, bool Moved)
    where T : class;
