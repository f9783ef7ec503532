using System.Text.Json;
using Runbook.Graph;

namespace Runbook.Steps.Pause;

/// <param name="Message">The rendered message, secrets masked: it is shown to people and recorded.</param>
internal sealed record PauseWork(string Message) : StepWork
{
    public override string Kind => PauseStep.Name;

    public override Command? Command => null;

    internal override string Phrase => $"pause for approval: \"{Message}\"";

    internal override string Shown => "pause: " + Message;

    internal override string DiffKey => Message;

    internal override void WriteJson(Utf8JsonWriter writer) => writer.WriteString("pause", Message);
}
