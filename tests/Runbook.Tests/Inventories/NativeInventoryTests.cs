namespace Runbook.Tests.Inventories;

public class NativeInventoryTests
{
    [Fact]
    public void Native_inventory_reads_every_field_with_plain_typed_vars() => InventoryCase.Verify("native-full.yaml");

    [Fact]
    public void Native_defaults_apply_to_every_host_and_host_values_win() =>
        InventoryCase.Verify("native-defaults.yaml");

    [Fact]
    public void A_host_with_no_roles_is_fine() => InventoryCase.Verify("native-no-roles.yaml");

    [Fact]
    public void Known_hosts_path_is_made_absolute_relative_to_the_inventory_directory()
    {
        var (inventory, _) = InventoryCase.Load(RepositoryFiles.Case("native-full.yaml"));

        Assert.Equal(RepositoryFiles.Case("known_hosts"), inventory!.KnownHostsFile);
    }

    [Fact]
    public void Ssh_config_path_is_made_absolute_relative_to_the_inventory_directory()
    {
        var dir = Directory.CreateTempSubdirectory("runbook-inventory-").FullName;
        try
        {
            var path = Path.Combine(dir, "inventory.yaml");
            File.WriteAllText(path, "ssh_config: ./conf/ssh_config\nhosts:\n  db: {}\n");

            var (inventory, diagnostics) = InventoryCase.Load(path);

            Assert.False(diagnostics.HasErrors);
            Assert.Equal(Path.Combine(dir, "conf", "ssh_config"), inventory!.SshConfigFile);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
