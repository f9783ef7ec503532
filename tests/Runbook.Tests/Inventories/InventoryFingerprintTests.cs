namespace Runbook.Tests.Inventories;

/// <summary>
/// The inventory's fingerprint (run.json's inventory_sha256, which a resume compares) covers group_vars/ and
/// host_vars/ beside the inventory: a change there changes what the hosts are, so a resume must see it.
/// </summary>
public sealed class InventoryFingerprintTests : IDisposable
{
    private const string Runbook = """
        runbook: fingerprint
        phases:
          - name: web
            hosts: role=web
            steps:
              - { name: Uptime, run: uptime }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("group_vars/web.yml")]
    [InlineData("group_vars/all/zone.yaml")]
    [InlineData("host_vars/web-1.yml")]
    public void A_change_to_a_vars_file_changes_the_fingerprint_of_a_single_file(string varsFile)
    {
        var (runbook, inventory) = Setup("hosts.ini", "[web]\nweb-1 ansible_host=127.0.0.1\n");
        Write(varsFile, "zone: a\n");
        var before = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Write(varsFile, "zone: b\n");
        var after = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Assert.NotEqual(before.InventorySha256, after.InventorySha256);
        Assert.Equal(before.Inventory, after.Inventory);
    }

    [Fact]
    public void A_change_to_group_vars_changes_the_fingerprint_of_a_directory_inventory()
    {
        var (runbook, _) = Setup("inv/hosts", "[web]\nweb-1 ansible_host=127.0.0.1\n");
        Write("inv/group_vars/web.yml", "zone: a\n");
        var inventory = Path.Combine(_dir, "inv");
        var before = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Write("inv/group_vars/web.yml", "zone: b\n");
        var after = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Assert.NotEqual(before.InventorySha256, after.InventorySha256);
    }

    [Fact]
    public void A_vars_file_added_later_changes_the_fingerprint()
    {
        var (runbook, _) = Setup("inv/hosts", "[web]\nweb-1 ansible_host=127.0.0.1\n");
        Write("inv/group_vars/other.yml", "zone: a\n");
        var inventory = Path.Combine(_dir, "inv");
        var before = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Write("inv/host_vars/web-1.yml", "zone: b\n");
        var after = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        Assert.NotEqual(before.InventorySha256, after.InventorySha256);
    }

    [Fact]
    public void A_single_file_without_vars_files_keeps_the_hash_of_its_bytes()
    {
        var (runbook, inventory) = Setup("hosts.ini", "[web]\nweb-1 ansible_host=127.0.0.1\n");

        var fingerprint = RunbookEngine.Compile(runbook, [inventory]).Fingerprint;

        var bytes = System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(inventory));
        Assert.Equal(Convert.ToHexStringLower(bytes), fingerprint.InventorySha256);
    }

    private (string Runbook, string Inventory) Setup(string inventory, string text)
    {
        var runbook = Path.Combine(_dir, "runbook.yaml");
        File.WriteAllText(runbook, Runbook);
        return (runbook, Write(inventory, text));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
