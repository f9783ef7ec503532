using Runbook.Transport;

namespace Runbook.Tests.Execution.Fakes;

/// <summary>
/// One command a fake host ran, with when it started and ended (a monotonic sequence, not wall time) and the
/// connection it ran on; <paramref name="Local"/> when it ran on the controller ('on: local') for the host.
/// </summary>
internal sealed record FakeExecution(
    string Host,
    RemoteCommand Command,
    long Started,
    long Ended,
    bool Cancelled,
    FakeConnection? Connection = null,
    bool Local = false
);
