using System.Collections.Concurrent;

namespace Runbook.Execution;

/// <summary>
/// The values steps captured, per host, raw (they are rendered into later commands; anything shown is masked). A null
/// value is a capture restored from a journal that could not record it because it held a secret.
/// </summary>
internal sealed class HostCaptures
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string?>> _hosts = new(
        StringComparer.Ordinal
    );

    public HostCaptures(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> restored)
    {
        foreach (var (host, values) in restored)
        {
            foreach (var (name, value) in values)
                Set(host, name, value);
        }
    }

    public void Set(string host, string name, string? value) =>
        _hosts.GetOrAdd(host, _ => new ConcurrentDictionary<string, string?>(StringComparer.Ordinal))[name] = value;

    public IReadOnlyDictionary<string, string?> Of(string host) =>
        _hosts.TryGetValue(host, out var values) ? values : new Dictionary<string, string?>();
}
