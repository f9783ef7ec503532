namespace Runbook.Selectors;

/// <summary>
/// What a selector looks at: a host's name, roles, labels and vars. Model's HostDefinition implements it, so selectors
/// (which Model's phases and steps hold) need nothing from Model.
/// </summary>
public interface ISelectableHost
{
    string Name { get; }

    IReadOnlyList<string> Roles { get; }

    IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The host's variables, for var.NAME=VALUE selectors (an Ansible group var such as zone=b).</summary>
    IReadOnlyDictionary<string, object?> Vars { get; }
}
