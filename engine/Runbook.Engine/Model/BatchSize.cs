using System.Globalization;

namespace Runbook.Model;

/// <summary>One entry of a serial ramp: a host count or a percentage of the phase's hosts.</summary>
public readonly record struct BatchSize(int Amount, bool IsPercent)
{
    /// <summary>Hosts in the batch for a phase of <paramref name="total"/> hosts (Ansible: a percentage rounds down, at least 1).</summary>
    public int For(int total) => IsPercent ? Math.Max(1, total * Amount / 100) : Amount;

    public override string ToString() =>
        Amount.ToString(CultureInfo.InvariantCulture) + (IsPercent ? "%" : string.Empty);
}
