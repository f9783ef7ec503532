namespace Runbook.Lab;

/// <summary>The openssl command line the lab's PKIs share (the lab's hosts, its RKE2 cluster, kubeadm's).</summary>
internal static class Openssl
{
    /// <summary><c>req</c> arguments for a new unencrypted P-256 key: every lab key is one.</summary>
    public static readonly string[] NewEcKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

    /// <summary>Runs openssl; a failure is a <see cref="LabException"/> with its output.</summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (exit, output) = await LabProcesses.RunAsync("openssl", args, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
            throw new LabException($"openssl {args[0]} failed (exit {exit}): {output.Trim()}");
    }
}
