using Runbook.Cli;

namespace Runbook.Tests.Support;

/// <summary>Drives the real CLI in-process with captured writers and a controlled environment.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) =>
        await RunAsync(args, new Dictionary<string, string>());

    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext(stdout, stderr, name => environment.TryGetValue(name, out var v) ? v : null);
        var exit = await CliApp.RunAsync(args, context, CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
