namespace Runbook.Transport;

/// <summary>A rendered command as the executor hands it to a transport: the transport adds sudo, env and timeout wrapping.</summary>
public sealed record RemoteCommand(
    string Script,
    bool Become,
    TimeSpan? Timeout,
    IReadOnlyList<KeyValuePair<string, string>> Env
)
{
    /// <summary>The run and step the command belongs to: its command line shows them on the host while it runs
    /// (<see cref="CommandMarker"/>); null for the engine's own commands (preflight, locks, gates).</summary>
    internal CommandMarker? Marker { get; init; }

    public static RemoteCommand Plain(string script) => new(script, false, null, []);
}
