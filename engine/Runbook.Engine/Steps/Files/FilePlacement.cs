using System.Text.Json;
using Runbook.Model;

namespace Runbook.Steps.Files;

/// <summary>Where an upload goes and what it is to look like there, as written: 'dest' may be a template.</summary>
internal sealed record FilePlacementSpec(TemplateText Dest, string? Mode, string? Owner, string? Group);

/// <summary>Where an upload goes on one host, rendered. Null mode, owner or group: the existing file's, else the
/// default of a new file (mode 0644; the user the file is written as).</summary>
internal sealed record FilePlacement(string Dest, string? Mode, string? Owner, string? Group)
{
    /// <summary>", mode 0644, owner root, group root" for the attributes given.</summary>
    public string Phrase =>
        (Mode is null ? string.Empty : $", mode {Mode}")
        + (Owner is null ? string.Empty : $", owner {Owner}")
        + (Group is null ? string.Empty : $", group {Group}");

    public string Key => $"{Dest}|{Mode}|{Owner}|{Group}";

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteString("dest", Dest);
        if (Mode is not null)
            w.WriteString("mode", Mode);
        if (Owner is not null)
            w.WriteString("owner", Owner);
        if (Group is not null)
            w.WriteString("group", Group);
    }
}
