using System.Runtime.CompilerServices;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Steps;

namespace Runbook.Compilation;

/// <summary>
/// Whether a step runs with sudo on one host, and as whom, from the step's 'become' and the host's Ansible vars
/// (docs/inventories.md). As in Ansible, ansible_become makes every step on the host escalate and
/// ansible_become_user (root when unset) is the user sudo runs every become step as. Unlike Ansible, where inventory
/// vars beat a task's keyword, a step's own 'become' (true or false) wins over ansible_become: the runbook's author
/// wrote it for that step, and the plan shows it ("sudo (ansible_become)", "login user: become: false over
/// ansible_become"). Steps on the controller and steps that run once per batch (pause) take nothing from the inventory.
/// </summary>
internal static class StepBecome
{
    // The hosts that set ansible_become or ansible_become_user, by name, built once per inventory.
    private static readonly ConditionalWeakTable<InventoryDefinition, Dictionary<string, HostDefinition>> Hosts = [];

    public static (bool Become, string? User, InventoryBecome Origin) For(
        InventoryDefinition inventory,
        StepDefinition step,
        IStepKind kind,
        string host
    )
    {
        var hosts = Hosts.GetValue(inventory, ByName);
        if (step.Local || kind.OncePerBatch || !hosts.TryGetValue(host, out var definition))
            return (step.Become, null, InventoryBecome.None);
        var asked = definition.Become == true;
        var (become, origin) = step.BecomeGiven switch
        {
            true when !step.Become && asked => (false, InventoryBecome.Overridden),
            true => (step.Become, InventoryBecome.None),
            false => (asked, asked ? InventoryBecome.Applied : InventoryBecome.None),
        };
        return (become, become ? User(definition) : null, origin);
    }

    /// <summary>The host's become user, or null for root (sudo's default, and Ansible's).</summary>
    public static string? User(HostDefinition host) => host.BecomeUser is null or "" or "root" ? null : host.BecomeUser;

    private static Dictionary<string, HostDefinition> ByName(InventoryDefinition inventory)
    {
        var hosts = new Dictionary<string, HostDefinition>(StringComparer.Ordinal);
        foreach (var host in inventory.Hosts.Where(h => h.Become is not null || h.BecomeUser is not null))
            hosts.TryAdd(host.Name, host);
        return hosts;
    }
}
