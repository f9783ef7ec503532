namespace Runbook.Lab;

/// <summary>
/// Makes sure the Debian packages a lab needs are installed: sshd and openssl always, etcd and python3 for a cluster.
/// Installs the missing ones with apt-get when running as root; otherwise says which command to run.
/// </summary>
internal static class LabPackages
{
    public static async Task EnsureAsync(LabOptions options, CancellationToken cancellationToken)
    {
        var missing = Missing(options);
        if (missing.Count == 0)
            return;
        var command = "apt-get install -y " + string.Join(' ', missing);
        if (!LabProcesses.IsRoot())
            throw new Errors.UsageException(
                $"the lab needs {string.Join(", ", missing)}; install them first: sudo {command}"
            );

        options.Log?.Invoke($"installing {string.Join(", ", missing)}: {command}");
        string[] install = ["install", "-y", "-q", .. missing];
        var (exit, output) = await LabProcesses.RunAsync("apt-get", install, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            // A fresh machine may have no package lists yet.
            options.Log?.Invoke("running apt-get update, then retrying");
            await LabProcesses.RunAsync("apt-get", ["update", "-q"], cancellationToken).ConfigureAwait(false);
            (exit, output) = await LabProcesses.RunAsync("apt-get", install, cancellationToken).ConfigureAwait(false);
        }

        if (exit != 0 || Missing(options).Count > 0)
            throw new LabException($"{command} failed (exit {exit}): {output.Trim()}");
    }

    private static List<string> Missing(LabOptions options)
    {
        var missing = new List<string>();
        if (!File.Exists(options.SshdPath))
            missing.Add("openssh-server");
        if (!OnPath("openssl"))
            missing.Add("openssl");
        if (options.Cluster is null)
            return missing;
        if (!File.Exists("/usr/bin/etcd"))
            missing.Add("etcd-server");
        if (!OnPath("etcdctl"))
            missing.Add("etcd-client");
        if (!OnPath("python3"))
            missing.Add("python3");
        return missing;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':')
            .Any(d => File.Exists(Path.Combine(d, tool)));
}
