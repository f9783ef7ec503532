namespace Runbook.Inventories;

/// <summary>A word of an INI host line, quotes removed, with where it was written: an offset into the line and a length.</summary>
internal sealed record IniToken(string Text, int Offset, int Length);
