namespace Runbook.Templating;

/// <summary>
/// For one render: the outputs (by source offset) that print a value made from a secret (<see cref="SecretTaint"/>),
/// whether to print the mask in their place (the text people see), and what they printed (the texts to mask in command
/// output).
/// </summary>
internal sealed class SecretOutputs(IReadOnlySet<int> offsets, bool mask)
{
    public IReadOnlySet<int> Offsets { get; } = offsets;

    public bool Mask { get; } = mask;

    public List<string> Printed { get; } = [];
}
