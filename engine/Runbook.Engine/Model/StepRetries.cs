namespace Runbook.Model;

/// <summary>
/// 'retries: { count, delay }' on a 'run' step: when an attempt fails (non-zero exit, or its timeout), the step is
/// run again after <see cref="Delay"/>, up to <see cref="Count"/> more times; the last attempt's result counts.
/// </summary>
public sealed record StepRetries(int Count, Duration Delay)
{
    /// <summary>The most retries a step may ask for: past that it is a loop, which a runbook should not hide.</summary>
    public const int MaxCount = 100;

    /// <summary>The delay when none is written (Ansible's default for until/retries).</summary>
    public static readonly Duration DefaultDelay = new(TimeSpan.FromSeconds(5));

    /// <summary>How many times the step may run in all.</summary>
    public int Attempts => Count + 1;

    /// <summary>As plans show it: "retries 3 every 10s".</summary>
    public override string ToString() => $"retries {Count} every {Delay}";
}
