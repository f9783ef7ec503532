using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Tests.Execution;

/// <summary>The --events NDJSON is a public contract (README): each kind's line, property for property.</summary>
public sealed class EventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 1, 2, 3, 456, TimeSpan.Zero);

    public static TheoryData<RunEvent, string> Lines =>
        new()
        {
            {
                new RunStarted("etcd-rotate", "20261126T010203Z-ab12", true),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"run-started","name":"etcd-rotate","text":"20261126T01020"""
                    + """3Z-ab12 (resumed)"}"""
            },
            {
                new RunFinished("etcd-rotate", RunOutcome.GateFailed, TimeSpan.FromMilliseconds(1500)),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"run-finished","name":"etcd-rotate","status":"failed","du"""
                    + """ration_ms":1500,"text":"gate-failed","exit_code":4}"""
            },
            {
                new PhaseStarted(1, "etcd"),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"phase-started","phase":1,"name":"etcd"}"""
            },
            {
                new PhaseFinished(1, "etcd", StepStatus.Interrupted, TimeSpan.FromMilliseconds(7)),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"phase-finished","phase":1,"name":"etcd","status":"interr"""
                    + """upted","duration_ms":7}"""
            },
            {
                new BatchStarted(1, "p1.b1", ["etcd-1", "etcd-2"]),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"batch-started","phase":1,"batch":"p1.b1","text":"etcd-1 """
                    + """etcd-2"}"""
            },
            {
                new BatchFinished(1, "p1.b1", StepStatus.Ok, TimeSpan.FromMilliseconds(3)),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"batch-finished","phase":1,"batch":"p1.b1","status":"o"""
                    + """k","duration_ms":3}"""
            },
            {
                new StepStarted(1, "p1.b1", "etcd-1", "p1.b1.etcd-1.s1", "Stop", "systemctl stop etcd"),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-started","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s1","name":"Stop","text":"systemctl stop etcd"}"""
            },
            {
                new StepOutput(1, "p1.b1", "etcd-1", "p1.b1.etcd-1.s1", OutputStream.Stderr, "warn <x> & \"y\""),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-output","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s1","stream":"stderr","text":"warn <x> & \"y\""}"""
            },
            {
                new StepOutput(1, "p1.b1", "etcd-1", "p1.b1.etcd-1.s1", OutputStream.Stdout, "retrying")
                {
                    Attempt = 2,
                },
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-output","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s1","attempt":2,"stream":"stdout","text":"retrying"}"""
            },
            {
                new StepAttempt(
                    1,
                    "p1.b1",
                    "etcd-1",
                    "p1.b1.etcd-1.s1",
                    "Restart",
                    StepStatus.Failed,
                    1,
                    3,
                    TimeSpan.FromMilliseconds(12),
                    "attempt 2 of 4 in 10s"
                ),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-attempt","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s1","name":"Restart","status":"failed","exit":3,"attempt":1,"durati"""
                    + """on_ms":12,"text":"attempt 2 of 4 in 10s"}"""
            },
            {
                new StepFinished(
                    1,
                    "p1.b1",
                    "etcd-1",
                    "p1.b1.etcd-1.s2",
                    "Read",
                    StepStatus.TimedOut,
                    3,
                    4,
                    TimeSpan.FromMilliseconds(20),
                    "expected ok",
                    "node",
                    "n1"
                ),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-finished","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s2","name":"Read","status":"timed-out","exit":3,"attempt":4,"duratio"""
                    + """n_ms":20,"text":"expected ok","capture":"node","captured":"n1"}"""
            },
            {
                new StepFinished(
                    1,
                    "p1.b1",
                    "etcd-1",
                    "p1.b1.etcd-1.s3",
                    "Skip",
                    StepStatus.Skipped,
                    Why: "when: false"
                ),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-finished","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """1","step":"p1.b1.etcd-1.s3","name":"Skip","status":"skipped","text":"when: false"}"""
            },
            {
                new GateStarted(1, "p1.b1", "p1.b1.g1", "Healthy", "etcdctl endpoint health"),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"gate-started","phase":1,"batch":"p1.b1","step":"p1.b1.g"""
                    + """1","name":"Healthy","text":"etcdctl endpoint health"}"""
            },
            {
                new GateAttempt(
                    1,
                    "p1.b1",
                    "etcd-2",
                    "p1.b1.g1",
                    "Healthy",
                    StepStatus.Failed,
                    "degraded",
                    1,
                    2,
                    TimeSpan.FromMilliseconds(9)
                ),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"gate-attempt","phase":1,"batch":"p1.b1","host":"etcd-"""
                    + """2","step":"p1.b1.g1","name":"Healthy","status":"failed","exit":1,"attempt":2,"duration_ms":9"""
                    + ""","text":"degraded"}"""
            },
            {
                new GateFinished(
                    1,
                    "p1.b1",
                    "p1.b1.g1",
                    "Healthy",
                    StepStatus.Unreachable,
                    TimeSpan.FromMilliseconds(5),
                    "no reachable candidate host"
                ),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"gate-finished","phase":1,"batch":"p1.b1","step":"p1.b1.g"""
                    + """1","name":"Healthy","status":"unreachable","duration_ms":5,"text":"no reachable candidate ho"""
                    + """st"}"""
            },
        };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_kind_is_one_line_with_its_fields_in_the_contract_order(RunEvent e, string line) =>
        Assert.Equal(line, EventJson.Serialize(e with { Time = At }));

    [Fact]
    public void Masking_reaches_every_text_field_of_every_kind()
    {
        const string secret = "hunter2";
        RunEvent[] all =
        [
            new RunStarted(secret, secret, false),
            new RunFinished(secret, RunOutcome.Succeeded, TimeSpan.Zero),
            new PhaseStarted(1, secret),
            new PhaseFinished(1, secret, StepStatus.Ok, TimeSpan.Zero),
            new BatchStarted(1, "p1.b1", [secret]),
            new BatchFinished(1, "p1.b1", StepStatus.Ok, TimeSpan.Zero),
            new StepStarted(1, "p1.b1", "h", "s", secret, secret),
            new StepOutput(1, "p1.b1", "h", "s", OutputStream.Stdout, secret),
            new StepAttempt(1, "p1.b1", "h", "s", secret, StepStatus.Failed, 1, 1, TimeSpan.Zero, secret),
            new StepFinished(
                1,
                "p1.b1",
                "h",
                "s",
                secret,
                StepStatus.Failed,
                Why: secret,
                Capture: "c",
                Captured: secret
            ),
            new GateStarted(1, "p1.b1", "g", secret, secret),
            new GateAttempt(1, "p1.b1", "h", "g", secret, StepStatus.Ok, secret),
            new GateFinished(1, "p1.b1", "g", secret, StepStatus.Failed, TimeSpan.Zero, secret),
        ];
        foreach (var e in all)
        {
            var line = EventJson.Serialize(e.Masked(t => t.Replace(secret, "***", StringComparison.Ordinal)));
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        }
    }
}
