namespace Runbook.Lab;

/// <summary>Generates the lab's client key and host keys, and writes authorized_keys and known_hosts.</summary>
internal static class LabKeys
{
    public static async Task CreateAsync(
        LabLayout layout,
        IReadOnlyList<LabHost> hosts,
        LabOptions options,
        CancellationToken cancellationToken
    )
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layout.ClientKey)!);
        var jobs = new List<(string Path, string Comment)>();
        if (!File.Exists(layout.ClientKey))
            jobs.Add((layout.ClientKey, "runbook-lab-client"));
        foreach (var host in hosts)
        {
            Directory.CreateDirectory(host.Home);
            if (!File.Exists(layout.HostKey(host.Name)))
                jobs.Add((layout.HostKey(host.Name), "runbook-lab-" + host.Name));
        }

        // A bounded number of ssh-keygens at once: a 1,000-host lab would otherwise start a thousand processes.
        await Parallel
            .ForEachAsync(
                jobs,
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = LabFleet.StartConcurrency,
                    CancellationToken = cancellationToken,
                },
                async (job, token) => await KeygenAsync(job.Path, job.Comment, options, token).ConfigureAwait(false)
            )
            .ConfigureAwait(false);
        File.WriteAllText(layout.AuthorizedKeys, File.ReadAllText(layout.ClientKey + ".pub"));
        var lines = hosts.Select(h =>
        {
            var fields = File.ReadAllText(layout.HostKey(h.Name) + ".pub")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return LabFleet.KnownHostsNames(h) + " " + fields[0] + " " + fields[1];
        });
        File.WriteAllText(layout.KnownHosts, string.Join('\n', lines) + "\n");
    }

    private static async Task KeygenAsync(
        string path,
        string comment,
        LabOptions options,
        CancellationToken cancellationToken
    )
    {
        var (exit, output) = await LabProcesses
            .RunAsync(
                options.SshKeygenPath,
                ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path],
                cancellationToken
            )
            .ConfigureAwait(false);
        if (exit != 0)
            throw new LabException($"ssh-keygen failed for {path}: {output.Trim()}");
    }
}
