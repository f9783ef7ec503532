namespace Runbook.Graph;

/// <summary>What a host's ansible_become (an Ansible inventory var) did to one step on that host.</summary>
internal enum InventoryBecome
{
    /// <summary>
    /// Nothing: the host does not set ansible_become, or the step could not use it (on the controller).
    /// </summary>
    None,

    /// <summary>The step has no 'become' of its own and runs with sudo because the host sets ansible_become.</summary>
    Applied,

    /// <summary>
    /// The step says 'become: false' and runs as the login user although the host sets ansible_become.
    /// </summary>
    Overridden,
}
