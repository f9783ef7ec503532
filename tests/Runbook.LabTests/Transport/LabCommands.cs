using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>Small helpers for running commands on lab hosts.</summary>
internal static class LabCommands
{
    public static Task<CommandResult> RunAsync(
        this IHostConnection connection,
        string script,
        TimeSpan? timeout = null
    ) => connection.ExecuteAsync(new RemoteCommand(script, false, timeout, []), null, CancellationToken.None);

    /// <summary>The processes whose command line matches <paramref name="pattern"/> (write it so it does not match itself: sleep 12[3]).</summary>
    public static async Task<string> PgrepAsync(this IHostConnection connection, string pattern) =>
        (await connection.RunAsync("pgrep -af '" + pattern + "' || true")).Stdout.Trim();
}
