namespace Runbook.Lab;

/// <summary>Makes sure OpenSSH's sshd is installed: installs openssh-server as root, otherwise says how.</summary>
internal static class SshdInstaller
{
    public const string InstallCommand = "apt-get install -y openssh-server";

    public static async Task EnsureAsync(LabOptions options, CancellationToken cancellationToken)
    {
        if (File.Exists(options.SshdPath)) return;
        if (!LabProcesses.IsRoot())
        {
            throw new Errors.UsageException($"{options.SshdPath} is missing; install OpenSSH's server first: sudo {InstallCommand}");
        }

        options.Log?.Invoke($"{options.SshdPath} is missing: running {InstallCommand}");
        var (exit, output) = await LabProcesses.RunAsync("apt-get", ["install", "-y", "openssh-server"], cancellationToken).ConfigureAwait(false);
        if (exit != 0 || !File.Exists(options.SshdPath)) throw new LabException($"{InstallCommand} failed (exit {exit}): {output.Trim()}");
    }
}
