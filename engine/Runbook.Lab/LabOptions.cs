namespace Runbook.Lab;

/// <summary>
/// Where and how a lab fleet runs. Host i (1-based) listens on 127.0.0.(FirstOctet + i - 1):Port, and past
/// 127.0.0.254 on 127.0.2.1, 127.0.2.2 and so on (<see cref="LabAddresses"/>).
/// </summary>
public sealed record LabOptions(string Directory)
{
    public int Port { get; init; } = 2222;

    /// <summary>The last octet of the first host's loopback address (127.0.0.11 by default).</summary>
    public int FirstOctet { get; init; } = 11;

    public string SshdPath { get; init; } = "/usr/sbin/sshd";

    public string SshKeygenPath { get; init; } = "ssh-keygen";

    /// <summary>A cluster to run on the fleet (<c>rke2</c> or <c>kubeadm</c>: see docs/lab.md), or null for bare sshds.</summary>
    public string? Cluster { get; init; }

    /// <summary>Progress messages ("installing openssh-server", "started sshd for etcd-1 …").</summary>
    public Action<string>? Log { get; init; }
}
