using System.Security.Cryptography;

namespace Runbook.Tests.Support;

/// <summary>
/// An application's etcd client configured by files on its host (pki_dir: ca.crt, client.crt, client.key), as an
/// application that reads them per connection: before each write it looks at the files and, when their bytes
/// changed, builds a new <see cref="EtcdKv"/> from a copy of them. A copy taken between two renames of a rotation
/// (a key without its certificate yet) does not load: the previous client is kept and the next write looks again.
/// </summary>
public sealed class FileEtcdClient(string pkiDir, string scratch) : IDisposable
{
    private readonly Lock _sync = new();
    private EtcdKv? _current;
    private string? _loaded;
    private int _generation;

    /// <summary>How many times the client took new files (the first load included).</summary>
    public int Reloads { get; private set; }

    /// <summary>Files it could not load (a half-renamed set), with the reason.</summary>
    public List<string> LoadErrors { get; } = [];

    public IReadOnlyList<EtcdKv> Clients()
    {
        lock (_sync)
        {
            try
            {
                var files = new[] { "ca.crt", "client.crt", "client.key" }
                    .Select(f => File.ReadAllBytes(Path.Combine(pkiDir, f)))
                    .ToArray();
                var digest = Convert.ToHexString(SHA256.HashData(files.SelectMany(b => b).ToArray()));
                if (digest != _loaded)
                {
                    var dir = Directory.CreateDirectory(Path.Combine(scratch, $"client-{++_generation}")).FullName;
                    File.WriteAllBytes(Path.Combine(dir, "ca.crt"), files[0]);
                    File.WriteAllBytes(Path.Combine(dir, "client.crt"), files[1]);
                    File.WriteAllBytes(Path.Combine(dir, "client.key"), files[2]);
                    var next = new EtcdKv(
                        (Path.Combine(dir, "client.crt"), Path.Combine(dir, "client.key")),
                        Path.Combine(dir, "ca.crt")
                    );
                    _current?.Dispose();
                    _current = next;
                    _loaded = digest;
                    Reloads++;
                }
            }
            catch (Exception ex) when (ex is IOException or CryptographicException or ArgumentException)
            {
                LoadErrors.Add(ex.Message);
            }

            return _current is null ? [] : [_current];
        }
    }

    public void Dispose()
    {
        lock (_sync)
            _current?.Dispose();
    }
}
