namespace Runbook.Model;

/// <summary>How a phase's hosts are cut into batches. Like Ansible's serial: the last size of a ramp repeats.</summary>
public sealed record SerialSpec(IReadOnlyList<BatchSize> Sizes)
{
    public static readonly SerialSpec All = new([new BatchSize(100, true)]);

    public bool IsDefault => Sizes.Count == 1 && Sizes[0] == new BatchSize(100, true);

    public IReadOnlyList<int> BatchSizes(int hostCount)
    {
        var result = new List<int>();
        var remaining = hostCount;
        var i = 0;
        while (remaining > 0)
        {
            var size = Math.Min(remaining, Math.Max(1, Sizes[Math.Min(i, Sizes.Count - 1)].For(hostCount)));
            result.Add(size);
            remaining -= size;
            i++;
        }

        return result;
    }

    public override string ToString() => Sizes.Count == 1 ? Sizes[0].ToString() : "[" + string.Join(", ", Sizes) + "]";
}
