namespace Runbook.Transport;

/// <summary>A rendered command as the executor hands it to a transport: the transport adds sudo, env and timeout wrapping.</summary>
public sealed record RemoteCommand(
    string Script,
    bool Become,
    TimeSpan? Timeout,
    IReadOnlyList<KeyValuePair<string, string>> Env
)
{
    public static RemoteCommand Plain(string script) => new(script, false, null, []);
}
