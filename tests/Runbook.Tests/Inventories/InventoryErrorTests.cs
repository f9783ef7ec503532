namespace Runbook.Tests.Inventories;

public class InventoryErrorTests
{
    [Fact]
    public void Unknown_keys_are_all_reported_with_a_did_you_mean() => InventoryCase.Verify("error-unknown-key.yaml");

    [Fact]
    public void Values_of_the_wrong_type_are_reported_with_what_was_found() =>
        InventoryCase.Verify("error-wrong-type.yaml");

    [Fact]
    public void Ports_outside_1_to_65535_are_rejected() => InventoryCase.Verify("error-bad-port.yaml");

    [Fact]
    public void Jump_hosts_must_be_in_the_inventory_and_must_not_loop() => InventoryCase.Verify("error-jump.yaml");

    [Fact]
    public void An_empty_file_is_reported() => InventoryCase.Verify("error-empty.yaml");

    [Fact]
    public void An_inventory_without_hosts_is_a_warning_not_an_error() => InventoryCase.Verify("error-no-hosts.ini");

    [Fact]
    public void Bad_ini_section_headers_are_reported_and_their_lines_skipped() =>
        InventoryCase.Verify("error-bad-section.ini");

    [Fact]
    public void Bad_host_ranges_are_reported_at_the_range() => InventoryCase.Verify("error-bad-range.ini");

    [Fact]
    public void Bad_ini_assignments_are_reported_at_the_word() => InventoryCase.Verify("error-bad-assignment.ini");

    [Fact]
    public void Ini_groups_must_be_declared_and_must_not_contain_themselves() =>
        InventoryCase.Verify("error-groups.ini");

    [Fact]
    public void Ansible_yaml_structure_errors_are_all_reported() => InventoryCase.Verify("error-ansible-yaml.yaml");

    [Fact]
    public void Mistakes_in_group_vars_and_host_vars_are_reported_in_those_files() =>
        InventoryCase.Verify(Path.Combine("vars-files", "inventory.ini"));

    [Fact]
    public void Templates_that_are_not_rendered_warn_and_are_errors_in_connection_vars() =>
        InventoryCase.Verify("error-ansible-templates.yaml");

    [Fact]
    public void An_inventory_plugin_configuration_is_reported_as_such() =>
        InventoryCase.Verify("error-plugin-config.yaml");

    [Fact]
    public void An_inventory_past_100000_hosts_is_refused_at_the_range_that_crossed_it() =>
        InventoryCase.Verify("error-too-many-hosts.ini");

    [Fact]
    public void Host_patterns_past_a_million_names_are_refused_even_when_they_repeat_hosts() =>
        InventoryCase.Verify("error-too-many-names.ini");
}
