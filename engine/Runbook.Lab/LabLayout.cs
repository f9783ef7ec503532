namespace Runbook.Lab;

/// <summary>The files of a lab directory.</summary>
internal sealed record LabLayout(string Root)
{
    public string Hosts => Path.Combine(Root, "hosts");

    public string Inventory => Path.Combine(Root, "inventory.yaml");

    public string KnownHosts => Path.Combine(Hosts, "known_hosts");

    public string AuthorizedKeys => Path.Combine(Hosts, "authorized_keys");

    public string ClientKey => Path.Combine(Hosts, "client", "id_ed25519");

    /// <summary>The lab's copy of the stand-in scripts (lab/bin in the repository), first on the hosts' PATH.</summary>
    public string Bin => Path.Combine(Root, "bin");

    /// <summary>The cluster's CAs and the watcher's client certificate.</summary>
    public string ClusterCa => Path.Combine(Root, "cluster-ca");

    /// <summary>What `rke2 certificate rotate-ca` stages for the servers' next start (the datastore's bootstrap
    /// data in RKE2), read by lab/bin/rke2-ca-sync.</summary>
    public string Datastore => Path.Combine(Root, "datastore");

    public string ClusterState => Path.Combine(Root, "cluster.json");

    public string Home(string host) =>
        IsSafeName(host)
            ? Path.Combine(Hosts, host)
            : throw new ArgumentException($"unsafe lab host name '{host}'", nameof(host));

    /// <summary>Whether a host name is one plain directory name: no separators, no '.' or '..', nothing
    /// hidden.</summary>
    public static bool IsSafeName(string name) =>
        name.Length > 0 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public string Config(string host) => Path.Combine(Home(host), "sshd_config");

    public string HostKey(string host) => Path.Combine(Home(host), "ssh_host_ed25519_key");

    public string PidFile(string host) => Path.Combine(Home(host), "sshd.pid");
}
