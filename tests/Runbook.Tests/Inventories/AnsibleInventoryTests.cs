namespace Runbook.Tests.Inventories;

public class AnsibleInventoryTests
{
    [Fact]
    public void Ansible_children_groups_become_roles_of_their_hosts() => InventoryCase.Verify("ansible-children.yaml");

    [Fact]
    public void Ansible_vars_merge_all_then_parent_then_child_groups_then_host() =>
        InventoryCase.Verify("ansible-var-precedence.yaml");

    [Fact]
    public void Ansible_ini_expands_host_ranges_keeping_zero_padding() => InventoryCase.Verify("ansible-ranges.ini");

    [Fact]
    public void A_range_that_ends_at_the_largest_number_ends_too() =>
        InventoryCase.Verify("fuzz-range-at-long-max.ini");

    [Fact]
    public void Ansible_ini_reads_vars_and_children_sections_with_ansible_semantics() =>
        InventoryCase.Verify("ansible-sections.ini");

    [Fact]
    public void A_file_without_extension_is_ini_unless_it_starts_with_a_yaml_key()
    {
        InventoryCase.Verify("ansible-hosts");
        InventoryCase.Verify("ansible-hosts-yaml");
    }

    [Fact]
    public void Ansible_connection_and_become_vars_become_host_fields_with_the_password_masked() =>
        InventoryCase.Verify("ansible-connection.ini");
}
