using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Runbook.Tests.Support;
using Xunit.Abstractions;

namespace Runbook.Tests.Integration;

/// <summary>
/// upload, template and fetch end to end over real sshd: bytes, mode and owner on the host; unchanged on a second
/// run; fetched files in a folder per host with their hash checked; clear failures; and a 200 MB upload that does
/// not grow the engine's memory with the file. The lab's hosts share this machine's file system, so each host writes
/// under a folder of its own (named after it) and the test reads the results directly. The lab logs in as root, so
/// become's sudo is root too: owner and group are checked with users that are not root (daemon).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class FileStepsOnLabTests(LabFixture lab, ITestOutputHelper output)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    [Fact]
    public async Task Uploads_land_with_their_bytes_mode_and_owner_and_a_second_run_changes_nothing()
    {
        using var run = new LabRun(
            lab,
            Runbook(
                """
                      - { name: dirs, run: "mkdir -p OUT/{{ host.name }}" }
                      - name: cert
                        upload:
                          src: files/ca.crt
                          dest: "OUT/{{ host.name }}/ca.crt"
                          mode: "0640"
                          owner: daemon
                          group: daemon
                        become: true
                      - name: env
                        upload:
                          { content: "NAME={{ host.name }}\n", dest: "OUT/{{ host.name }}/member.env", mode: "0600" }
                      - name: config
                        template: { src: files/app.conf.liquid, dest: "OUT/{{ host.name }}/app.conf" }
                """
            )
        );
        using var cleanRun = new Cleanup(() => Clean(run));
        Directory.CreateDirectory(Path.Combine(run.Root, "files"));
        var cert = "-----BEGIN CERTIFICATE-----\nMIIB" + new string('x', 5000) + "\n-----END CERTIFICATE-----\n";
        await File.WriteAllTextAsync(Path.Combine(run.Root, "files", "ca.crt"), cert);
        await File.WriteAllTextAsync(
            Path.Combine(run.Root, "files", "app.conf.liquid"),
            "host={{ host.name }}\nzone={{ host.labels.zone }}\n"
        );

        var first = await run.RunAsync();

        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        foreach (var host in Hosts)
        {
            var dir = Path.Combine(Out(run), host);
            Assert.Equal(cert, await File.ReadAllTextAsync(Path.Combine(dir, "ca.crt")));
            Assert.Equal("640 daemon daemon", await StatAsync(Path.Combine(dir, "ca.crt")));
            Assert.Equal($"NAME={host}\n", await File.ReadAllTextAsync(Path.Combine(dir, "member.env")));
            Assert.StartsWith("600 ", await StatAsync(Path.Combine(dir, "member.env")), StringComparison.Ordinal);
            var zone = lab.Inventory.Find(host)!.Labels["zone"];
            Assert.Equal($"host={host}\nzone={zone}\n", await File.ReadAllTextAsync(Path.Combine(dir, "app.conf")));
            Assert.StartsWith("644 ", await StatAsync(Path.Combine(dir, "app.conf")), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(dir, ".runbook-upload.*"));
        }

        Assert.Equal(9, Finished(run.Events, "\"changed\":true"));
        Assert.Matches(@"etcd-1 +ok 4 +failed 0 +skipped 0 +unreachable 0 +changed 3 ", first.Stdout);
        Assert.Contains("\"changed\":true", run.Journal, StringComparison.Ordinal);

        File.Delete(run.EventsPath);
        var second = await run.RunAsync();

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal(9, Finished(run.Events, "\"changed\":false"));
        Assert.Equal(0, Finished(run.Events, "\"changed\":true"));
        Assert.Matches(@"etcd-1 +ok 4 +failed 0 +skipped 0 +unreachable 0 +\d", second.Stdout);

        // A changed mode alone is a change: the file is written again with the mode the step gives.
        await RunShellAsync($"chmod 0666 {Path.Combine(Out(run), "cp-1", "ca.crt")}");
        File.Delete(run.EventsPath);
        var third = await run.RunAsync();
        Assert.True(third.ExitCode == 0, third.Stdout + third.Stderr);
        Assert.Equal(1, Finished(run.Events, "\"changed\":true"));
        Assert.Equal("640 daemon daemon", await StatAsync(Path.Combine(Out(run), "cp-1", "ca.crt")));
    }

    [Fact]
    public async Task Fetch_copies_each_hosts_file_into_its_own_folder_of_the_run_with_a_checked_hash()
    {
        using var run = new LabRun(
            lab,
            Runbook(
                """
                      - name: make
                        run: >-
                          mkdir -p OUT/{{ host.name }} &&
                          printf 'snapshot of %s' {{ host.name }} > OUT/{{ host.name }}/snap.db
                      - name: keep
                        fetch: { src: "OUT/{{ host.name }}/snap.db", dest: snapshots/ }
                        become: true
                """
            )
        );
        using var cleanRun = new Cleanup(() => Clean(run));

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var runDir = Directory.GetDirectories(Path.Combine(run.StateDirectory, "runs")).Single();
        foreach (var host in Hosts)
        {
            var fetched = Path.Combine(runDir, "snapshots", host, "snap.db");
            Assert.Equal($"snapshot of {host}", await File.ReadAllTextAsync(fetched));
        }

        Assert.Equal(3, Finished(run.Events, "\"changed\":true"));
    }

    [Fact]
    public async Task A_missing_remote_file_and_a_destination_that_is_a_directory_fail_with_their_reason()
    {
        using var run = new LabRun(
            lab,
            Runbook(
                """
                      - { name: dirs, run: "mkdir -p OUT/{{ host.name }}/taken" }
                      - name: missing
                        fetch: { src: "OUT/{{ host.name }}/nothing.db" }
                """
            )
        );
        using var cleanRun = new Cleanup(() => Clean(run));

        var fetch = await run.RunAsync();

        Assert.Equal(1, fetch.ExitCode);
        Assert.Contains(
            $"{Out(run)}/etcd-1/nothing.db does not exist on the host",
            run.Events,
            StringComparison.Ordinal
        );

        using var upload = new LabRun(
            lab,
            Runbook(
                """
                      - { name: dirs, run: "mkdir -p OUT/{{ host.name }}/taken" }
                      - name: onto a directory
                        upload: { content: "x", dest: "OUT/{{ host.name }}/taken" }
                """
            )
        );
        using var cleanUpload = new Cleanup(() => Clean(upload));
        var result = await upload.RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"'dest' {Out(upload)}/etcd-1/taken is a directory on the host; name the file to write",
            upload.Events,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_200_MB_upload_streams_without_growing_the_engines_memory_by_the_file()
    {
        var small = await UploadMeasuredAsync(1L * 1024 * 1024);
        var big = await UploadMeasuredAsync(200L * 1024 * 1024);

        output.WriteLine(
            $"peak resident set: 1 MiB upload {small / (1024 * 1024)} MiB, 200 MiB upload {big / (1024 * 1024)} MiB"
        );
        // Holding the file would add 200 MiB (more with copies); streaming keeps the engine near its size for a small
        // file: the runtime, SSH.NET and buffers of a few chunks.
        Assert.True(
            big - small < 48L * 1024 * 1024,
            $"the engine's peak resident set grew from {small / (1024 * 1024)} MiB to {big / (1024 * 1024)} MiB"
        );
    }

    /// <summary>Uploads a random file of <paramref name="size"/> bytes to worker-1 with the real CLI in its own
    /// process, checks it landed intact, and returns the process's peak resident set.</summary>
    private async Task<long> UploadMeasuredAsync(long size)
    {
        using var run = new LabRun(
            lab,
            """
            runbook: big
            phases:
              - name: big
                hosts: name=worker-1
                steps:
                  - { name: dirs, run: "mkdir -p OUT" }
                  - name: big
                    upload: { src: files/big.bin, dest: "OUT/big.bin" }
            """.Replace("OUT", OutPattern, StringComparison.Ordinal)
        );
        Directory.CreateDirectory(Path.Combine(run.Root, "files"));
        var source = Path.Combine(run.Root, "files", "big.bin");
        await WriteRandomAsync(source, size);
        try
        {
            var engine = run.Start();
            var peak = await PeakResidentAsync(engine);

            Assert.True(engine.ExitCode == 0, run.Events);
            var landed = Path.Combine(Out(run), "big.bin");
            Assert.Equal(size, new FileInfo(landed).Length);
            Assert.Equal(await Sha256Async(source), await Sha256Async(landed));
            return peak;
        }
        finally
        {
            Clean(run);
        }
    }

    /// <summary>A runbook on the three lab hosts; OUT in its steps is the run's own output folder,
    /// <see cref="Out"/>.</summary>
    private static string Runbook(string steps) =>
        (
            "runbook: files\nphases:\n  - name: files\n    hosts: role in (etcd, control-plane, worker)\n    steps:\n"
            + steps
        ).Replace("OUT", OutPattern, StringComparison.Ordinal);

    /// <summary>Outside the run's root, which holds the runbook: the hosts (root) write here, the test reads.</summary>
    private static readonly string OutPattern = Path.Combine(Path.GetTempPath(), "runbook-files-TAG");

    private static string Out(LabRun run) => OutPattern.Replace("TAG", run.Tag, StringComparison.Ordinal);

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    private static void Clean(LabRun run)
    {
        if (Directory.Exists(Out(run)))
            Directory.Delete(Out(run), recursive: true);
    }

    private static int Finished(string events, string part) =>
        events
            .Split('\n')
            .Count(l =>
                l.Contains("\"event\":\"step-finished\"", StringComparison.Ordinal)
                && l.Contains(part, StringComparison.Ordinal)
            );

    private static async Task<string> StatAsync(string path)
    {
        var result = await RunShellAsync($"stat -c '%a %U %G' {path}");
        return result.Trim();
    }

    private static async Task<string> RunShellAsync(string script)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task WriteRandomAsync(string path, long size)
    {
        var buffer = new byte[1024 * 1024];
        await using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            Random.Shared.NextBytes(buffer);
            await file.WriteAsync(buffer);
        }
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    /// <summary>Samples the process's peak resident set (VmHWM, which the kernel keeps) until it exits.</summary>
    private static async Task<long> PeakResidentAsync(Process engine)
    {
        long peak = 0;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!engine.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await File.ReadAllLinesAsync($"/proc/{engine.Id}/status");
                var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (hwm is not null)
                {
                    var kb = long.Parse(
                        hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                        CultureInfo.InvariantCulture
                    );
                    peak = Math.Max(peak, kb * 1024);
                }
            }
            catch (IOException)
            {
                // It exited between the check and the read: the last sample stands.
            }

            await Task.Delay(20);
        }

        await engine.WaitForExitAsync();
        Assert.True(peak > 0, "no memory sample of the engine");
        return peak;
    }
}
