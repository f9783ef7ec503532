namespace Runbook.Model;

/// <summary>What a verify command must produce to pass.</summary>
public sealed record Expectation(int Exit, OutputMatcher? Stdout, OutputMatcher? Stderr)
{
    public static readonly Expectation Success = new(0, null, null);

    public override string ToString()
    {
        var parts = new List<string> { $"exit {Exit}" };
        if (Stdout is not null)
            parts.Add("stdout " + Stdout);
        if (Stderr is not null)
            parts.Add("stderr " + Stderr);
        return string.Join(", ", parts);
    }
}
