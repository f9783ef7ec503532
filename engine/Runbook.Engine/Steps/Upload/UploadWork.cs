using System.Text;
using System.Text.Json;
using Runbook.Graph;
using Runbook.Steps.Files;

namespace Runbook.Steps.Upload;

/// <summary>
/// An upload (or a rendered template) for one host: its bytes are <see cref="Text"/> when it is rendered text, else
/// <see cref="File"/>'s (a template's <see cref="File"/> is its source).
/// <see cref="Secret"/> content is never shown: plans, diffs and events say only that it is secret, and whether it
/// changed. Text that holds a secret param is secret whether or not the step says so.
/// </summary>
/// <param name="KindKey">"upload" or "template": both kinds write a file the same way.</param>
/// <param name="Label">Where the bytes come from, as shown: 'src' as written, or "content".</param>
internal sealed record UploadWork(
    string KindKey,
    string Label,
    LocalFile? File,
    string? Text,
    FileDigest Digest,
    FilePlacement Place,
    bool Secret
) : StepWork
{
    /// <summary>
    /// With 'from: run', the file's path in the run's directory: made during the run (signed on the controller, for
    /// example), so its bytes are not known when the plan is made; <see cref="Digest"/> is read when the step runs.
    /// </summary>
    internal string? RunFile { get; init; }

    /// <summary>The most a diff shows line by line; a larger file is compared by its hash alone.</summary>
    private const int MaxDiffBytes = 64 * 1024;

    public override string Kind => KindKey;

    public override Command? Command => null;

    internal override string Phrase =>
        RunFile is not null
            ? $"{KindKey} {Label} (made during the run, in the run's directory) to {Place.Dest}{Place.Phrase}"
            : $"{KindKey} {Label} ({(Secret ? "secret" : Rendered + Digest)}) to {Place.Dest}{Place.Phrase}";

    internal override string Shown => $"{KindKey} {Label} to {Place.Dest}";

    internal override string DiffKey => $"{Label}|{Place.Key}|{Digest.Sha256}";

    internal override ContentView? Content =>
        RunFile is not null ? null
        : Secret ? new ContentView(Digest.Sha256, null, "secret")
        : Digest.Size > MaxDiffBytes ? new ContentView(Digest.Sha256, null, "too large to show")
        : (Text ?? File?.ReadText(MaxDiffBytes)) is { } text && !text.Contains('\0', StringComparison.Ordinal)
            ? new ContentView(Digest.Sha256, text, null)
        : new ContentView(Digest.Sha256, null, "binary");

    /// <summary>The destination's file name, for messages.</summary>
    internal string FileName => Path.GetFileName(File?.Written ?? Place.Dest);

    /// <summary>The bytes to write: the rendered text when there is one (a template's 'src' is its source, not its
    /// bytes), else the file, read as it is sent.</summary>
    internal Stream OpenRead() =>
        Text is not null || File is null
            ? new MemoryStream(Encoding.UTF8.GetBytes(Text ?? string.Empty), writable: false)
            : File.OpenRead();

    internal override void WriteJson(Utf8JsonWriter writer)
    {
        if (RunFile is not null)
        {
            writer.WriteString("src", Label);
            writer.WriteString("from", "run");
            Place.WriteJson(writer);
            return;
        }

        if (File is not null)
            writer.WriteString("src", Label);
        else
            writer.WriteBoolean("content", true);
        if (Secret)
        {
            writer.WriteBoolean("secret", true);
        }
        else
        {
            writer.WriteNumber("size", Digest.Size);
            writer.WriteString("sha256", Digest.Sha256);
        }

        Place.WriteJson(writer);
    }

    private string Rendered => KindKey == UploadStep.Name ? string.Empty : "rendered ";
}
