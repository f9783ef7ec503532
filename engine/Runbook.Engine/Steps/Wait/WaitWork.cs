using System.Text.Json;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Steps.Wait;

internal sealed record WaitWork(Duration Duration) : StepWork
{
    public override string Kind => WaitStep.Name;

    public override Command? Command => null;

    public override Duration? Waits => Duration;

    internal override string Phrase => $"wait {Duration}";

    internal override string Shown => "wait " + Duration;

    internal override string DiffKey => Duration.ToString();

    internal override void WriteJson(Utf8JsonWriter writer) => writer.WriteString("wait", Duration.ToString());
}
