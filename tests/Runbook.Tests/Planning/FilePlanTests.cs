using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>
/// Upload, template and fetch steps in plans: each upload's source, size and SHA-256 (a rendered file's per host), a
/// secret's neither, and where each host's fetched file lands.
/// </summary>
public class FilePlanTests
{
    private const string Runbook = "tests/Runbook.Tests/Planning/Cases/files.yaml";

    [Fact]
    public async Task The_text_plan_shows_source_size_and_hash_of_each_upload_and_hides_secret_content()
    {
        var result = await CliRunner.RunAsync("plan", Runbook, "-i", "inventories/rke2-split-roles.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, "Planning/Cases/files.plan.txt");
        Assert.DoesNotContain("s3cret", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEfake", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_plan_gives_each_upload_its_source_size_hash_and_placement()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result
            .Stdout.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal);
        const string ca = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
        Assert.Contains(
            $"\"src\":\"files/ca.crt\",\"size\":{ca.Length},\"sha256\":\""
                + Sha256(ca)
                + "\",\"dest\":\"/etc/etcd/pki/ca.crt\",\"mode\":\"0644\",\"owner\":\"root\",\"group\":\"root\"",
            json,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"src\":\"files/ca.key\",\"secret\":true,\"dest\":\"/etc/etcd/pki/ca.key\"",
            json,
            StringComparison.Ordinal
        );
        Assert.Contains("\"src\":\"/var/lib/etcd/snapshot.db\",\"dest\":\"snapshots/", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_upload_source_stops_plan_and_run_before_any_host_is_contacted()
    {
        var dir = Directory.CreateTempSubdirectory("runbook-files-");
        try
        {
            var runbook = Path.Combine(dir.FullName, "r.yaml");
            await File.WriteAllTextAsync(
                runbook,
                "runbook: r\nphases:\n  - name: p\n    hosts: role=etcd\n    steps:\n"
                    + "      - name: ca\n        upload: { src: files/ca.crt, dest: /etc/ca.crt }\n"
            );
            var result = await CliRunner.RunAsync("plan", runbook, "-i", "inventories/rke2-split-roles.yaml");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(
                "r.yaml:7:24: error RB0023: cannot read 'files/ca.crt': no such file (looked for "
                    + Path.Combine(dir.FullName, "files", "ca.crt")
                    + ")",
                result.Stderr,
                StringComparison.Ordinal
            );
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))
        );
}
