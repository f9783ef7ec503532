using System.Collections.Concurrent;
using Renci.SshNet;

namespace Runbook.Transport;

/// <summary>
/// Private keys loaded once per transport: decrypting an OpenSSH key (bcrypt KDF) takes a noticeable time, and a
/// fleet of hundreds of hosts usually shares one key.
/// </summary>
internal sealed class PrivateKeyCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<PrivateKeyFile>> _keys = new(StringComparer.Ordinal);

    public PrivateKeyFile GetOrAdd(string path, Func<PrivateKeyFile> load)
    {
        var lazy = _keys.GetOrAdd(path, _ => new Lazy<PrivateKeyFile>(load));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _keys.TryRemove(new(path, lazy)); // a missing passphrase may be set by the next attempt
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _keys.Values)
        {
            if (lazy.IsValueCreated)
                lazy.Value.Dispose();
        }

        _keys.Clear();
    }
}
