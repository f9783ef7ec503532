namespace Runbook.Inventories;

/// <summary>What the lines under an INI section header are.</summary>
internal enum IniSection
{
    /// <summary>[group]: host lines.</summary>
    Hosts,

    /// <summary>[group:vars]: key=value lines.</summary>
    Vars,

    /// <summary>[group:children]: group names.</summary>
    Children,

    /// <summary>Under a header that could not be read: skipped, so one mistake is reported once.</summary>
    Skipped,
}
