namespace Runbook.Inventories;

/// <summary>The host names an Ansible host pattern stands for, and the port it gives them, if any.</summary>
internal sealed record HostPatternResult(IReadOnlyList<string> Names, int? Port);
