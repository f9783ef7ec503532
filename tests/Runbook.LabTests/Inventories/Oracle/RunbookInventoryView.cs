using System.Globalization;
using Runbook.Model;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>Runbook's side of an <see cref="InventoryView"/>: the hosts as the loader made them.</summary>
internal static class RunbookInventoryView
{
    public static InventoryView From(InventoryDefinition inventory)
    {
        var view = new InventoryView();
        foreach (var h in inventory.Hosts)
        {
            var host = view.Host(h.Name);
            host.Groups.UnionWith(h.Roles.Count == 0 ? [InventoryGroup.Ungrouped] : h.Roles);
            host.Endpoint["address"] = h.Address;
            host.Endpoint["port"] = h.Port.ToString(CultureInfo.InvariantCulture);
            host.Endpoint["user"] = h.User ?? InventoryView.None;
            host.Endpoint["identity_file"] = h.IdentityFile ?? InventoryView.None;
            host.Endpoint["connection"] = h.Connection ?? InventoryView.None;
            host.Endpoint["become"] = h.Become is { } become ? (become ? "true" : "false") : InventoryView.None;
            host.Endpoint["become_user"] = h.BecomeUser ?? InventoryView.None;
            host.Endpoint["become_password"] = h.BecomePassword?.Reveal() ?? InventoryView.None;
            foreach (var (key, value) in h.Vars)
                host.Vars[key] = InventoryView.Canonical(value);
        }

        return view;
    }
}
