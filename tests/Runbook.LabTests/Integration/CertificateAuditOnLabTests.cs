using System.Text.RegularExpressions;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// The shipped runbooks/certificate-expiry-audit.yaml over real SSH on the lab's worker-1, whose cert_paths (an
/// inventory copy) name a directory the test planted: kubelet's pki with a space in its path, a kubeconfig with
/// embedded certificates in a directory with a space, a certificate that expires soon and files that hold none.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CertificateAuditOnLabTests(LabFixture lab)
{
    [Fact]
    public async Task The_audit_reads_kubelet_pki_and_kubeconfig_certificates_in_paths_with_spaces()
    {
        using var run = new LabRun(
            lab,
            File.ReadAllText(Path.Combine(RepoRoot.Path, "runbooks/certificate-expiry-audit.yaml"))
        );
        var root = Path.Combine(run.Root, "node files");
        var kubelet = Path.Combine(root, "var lib", "kubelet", "pki");
        var kube = Path.Combine(root, "etc kubernetes");
        Directory.CreateDirectory(kubelet);
        Directory.CreateDirectory(kube);
        var soon = Certificate(run.Root, "soon", days: 10);
        var later = Certificate(run.Root, "later", days: 400);
        var ca = Certificate(run.Root, "ca", days: 3650);
        File.Copy(soon, Path.Combine(kubelet, "kubelet client current.pem"));
        File.Copy(later, Path.Combine(kubelet, "kubelet.crt"));
        File.WriteAllText(Path.Combine(kubelet, "kubelet.key"), "not a certificate\n");
        File.WriteAllText(
            Path.Combine(kube, "admin.conf"),
            $"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {Base64(ca)}
                server: https://127.0.0.1:6443
              name: lab
            users:
            - name: admin
              user:
                client-certificate-data: {Base64(later)}
                client-key-data: bm90IGEga2V5
            """
        );
        File.WriteAllText(Path.Combine(kube, "kube-vip.yaml"), "apiVersion: v1\nkind: Pod\n");
        var inventory = Path.Combine(run.Root, "inventory.yaml");
        var pki = Path.Combine(lab.State.Hosts.Single(h => h.Name == "worker-1").Home, "pki");
        var text = File.ReadAllText(lab.InventoryPath);
        Assert.Contains(pki, text, StringComparison.Ordinal);
        File.WriteAllText(inventory, text.Replace(pki, root, StringComparison.Ordinal));

        var result = await run.RunOnAsync(inventory, "--limit", "worker-1");

        // A certificate expires within min_days (30): the audit fails the run, and says which one.
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        var output = result.Stdout + run.Events;
        Assert.Matches(Line("EXPIRING", root, "var lib/kubelet/pki/kubelet client current.pem"), output);
        Assert.Matches(Line("ok", root, "var lib/kubelet/pki/kubelet.crt"), output);
        Assert.Matches(Line("ok", root, "etc kubernetes/admin.conf (certificate-authority-data #1)"), output);
        Assert.Matches(Line("ok", root, "etc kubernetes/admin.conf (client-certificate-data #2)"), output);
        Assert.Contains("4 certificates, 1 expiring within 30 days", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kube-vip.yaml", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kubelet.key", output, StringComparison.Ordinal);
    }

    /// <summary>A report line: the verdict, a plausible day count, the whole path (spaces and all).</summary>
    private static Regex Line(string verdict, string root, string relative) =>
        new($@"{verdict} \d+ days {Regex.Escape(Path.Combine(root, relative))}");

    private static string Base64(string path) => Convert.ToBase64String(File.ReadAllBytes(path));

    private static string Certificate(string directory, string name, int days)
    {
        var path = Path.Combine(directory, name + ".pem");
        ExternalTool.Run(
            "openssl",
            [
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                Path.Combine(directory, name + ".key"),
                "-subj",
                "/CN=" + name,
                "-days",
                days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-out",
                path,
            ]
        );
        return path;
    }
}
