namespace Runbook.Cli;

/// <summary>Everything the CLI touches of the outside world, injected so tests can drive it in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable);
}
