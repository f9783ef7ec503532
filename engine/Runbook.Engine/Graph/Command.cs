namespace Runbook.Graph;

/// <summary>A rendered shell command. <see cref="Display"/> is what people see: secrets replaced by ***.</summary>
public sealed record Command(string Text, string Display, bool Unquoted)
{
    public override string ToString() => Display;
}
