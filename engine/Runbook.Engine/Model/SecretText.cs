namespace Runbook.Model;

/// <summary>
/// A secret from an inventory (an Ansible become password). It shows as *** wherever it is formatted, so a host
/// printed or logged never shows it; only <see cref="Reveal"/> gives the value, for the one place that needs it.
/// </summary>
public sealed class SecretText(string value) : IEquatable<SecretText>
{
    public const string Mask = "***";

    public string Reveal() => value;

    public override string ToString() => Mask;

    public bool Equals(SecretText? other) =>
        other is not null && string.Equals(value, other.Reveal(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SecretText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);
}
