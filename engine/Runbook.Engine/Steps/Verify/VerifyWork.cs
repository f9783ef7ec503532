using System.Text.Json;
using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Steps.Verify;

internal sealed record VerifyWork(CheckNode Check) : StepWork
{
    public override string Kind => VerifyStep.Name;

    public override Command Command => Check.Command;

    internal override string Phrase => PlanText.Check(Check);

    internal override string Shown => Check.Command.Display;

    internal override string DiffKey => string.Empty;

    internal override void WriteJson(Utf8JsonWriter writer) => PlanJson.Check(writer, "check", Check);
}
