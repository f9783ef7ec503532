using System.Text.Json;
using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Steps.Run;

internal sealed record RunWork(Command Shell) : StepWork
{
    public override string Kind => RunStep.Name;

    public override Command Command => Shell;

    public override Command Effect => Shell;

    internal override string Phrase => "run";

    internal override string Shown => Shell.Display;

    internal override string DiffKey => string.Empty;

    internal override void WriteJson(Utf8JsonWriter writer) => PlanJson.Command(writer, "command", Shell);
}
