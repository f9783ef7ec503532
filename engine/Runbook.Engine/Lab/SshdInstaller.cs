namespace Runbook.Lab;

/// <summary>Makes sure OpenSSH's sshd and openssl are installed: installs them as root, otherwise says how.</summary>
internal static class SshdInstaller
{
    public const string InstallCommand = "apt-get install -y openssh-server openssl";

    public static async Task EnsureAsync(LabOptions options, CancellationToken cancellationToken)
    {
        if (File.Exists(options.SshdPath) && LabPki.OpensslInstalled()) return;
        if (!LabProcesses.IsRoot())
        {
            throw new Errors.UsageException($"{options.SshdPath} or openssl is missing; install them first: sudo {InstallCommand}");
        }

        options.Log?.Invoke($"{options.SshdPath} or openssl is missing: running {InstallCommand}");
        string[] install = ["install", "-y", "-q", "openssh-server", "openssl"];
        var (exit, output) = await LabProcesses.RunAsync("apt-get", install, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            // A fresh machine may have no package lists yet.
            options.Log?.Invoke("running apt-get update, then retrying");
            await LabProcesses.RunAsync("apt-get", ["update", "-q"], cancellationToken).ConfigureAwait(false);
            (exit, output) = await LabProcesses.RunAsync("apt-get", install, cancellationToken).ConfigureAwait(false);
        }

        if (exit != 0 || !File.Exists(options.SshdPath)) throw new LabException($"{InstallCommand} failed (exit {exit}): {output.Trim()}");
    }
}
