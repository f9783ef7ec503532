using System.Text.Json;
using Runbook.Graph;

namespace Runbook.Steps.Fetch;

/// <param name="Src">The file on the host.</param>
/// <param name="Local">Where it lands, relative to the run's directory: DEST/HOST/NAME.</param>
internal sealed record FetchWork(string Src, string Local) : StepWork
{
    public override string Kind => FetchStep.Name;

    public override Command? Command => null;

    internal override string Phrase => $"fetch {Src} to {Local} in the run's directory";

    internal override string Shown => $"fetch {Src} to {Local}";

    internal override string DiffKey => $"{Src}|{Local}";

    internal override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteString("src", Src);
        writer.WriteString("dest", Local);
    }
}
