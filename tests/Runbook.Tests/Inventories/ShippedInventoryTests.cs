using Runbook.Model;

namespace Runbook.Tests.Inventories;

public class ShippedInventoryTests
{
    private static InventoryDefinition Shipped(string file)
    {
        var (inventory, diagnostics) = InventoryCase.Load(RepositoryFiles.Path("inventories", file));
        Assert.Equal(0, diagnostics.Count);
        return inventory!;
    }

    [Fact]
    public void Rke2_split_roles_is_the_same_cluster_in_native_and_ansible_ini_form()
    {
        static List<string> Hosts(InventoryDefinition inventory) =>
            inventory
                .Hosts.Select(h => $"{h.Name} {h.Address}:{h.Port} {h.User} [{string.Join(", ", h.Roles)}]")
                .ToList();

        var native = Shipped("rke2-split-roles.yaml");
        var ini = Shipped("rke2-split-roles.ini");

        Assert.Equal(InventoryFormat.Native, native.Format);
        Assert.Equal(InventoryFormat.AnsibleIni, ini.Format);
        Assert.Equal(Hosts(native), Hosts(ini));
    }

    [Theory]
    [InlineData("rke2-split-roles.yaml")]
    [InlineData("rke2-split-roles.ini")]
    public void Rke2_split_roles_has_three_etcd_only_two_control_plane_only_and_three_worker_hosts(string file)
    {
        var inventory = Shipped(file);

        string[] Named(string role) => [.. inventory.Hosts.Where(h => h.HasRole(role)).Select(h => h.Name)];
        Assert.Equal(["etcd-1", "etcd-2", "etcd-3"], Named("etcd"));
        Assert.Equal(["cp-1", "cp-2"], Named("control-plane"));
        Assert.Equal(["worker-1", "worker-2", "worker-3"], Named("worker"));
        Assert.DoesNotContain(inventory.Hosts, h => h.HasRole("etcd") && h.HasRole("control-plane"));
        Assert.All(inventory.Hosts, h => Assert.Equal("root", h.User));
    }
}
