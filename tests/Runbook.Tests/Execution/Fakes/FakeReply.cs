namespace Runbook.Tests.Execution.Fakes;

/// <summary>What a fake host answers to a command.</summary>
internal sealed record FakeReply(
    int Exit = 0,
    string Stdout = "",
    string Stderr = "",
    bool TimedOut = false,
    Exception? Throws = null
)
{
    public static readonly FakeReply Ok = new();
}
