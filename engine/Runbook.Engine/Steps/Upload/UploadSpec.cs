using System.Collections.Concurrent;
using Runbook.Model;
using Runbook.Steps.Files;

namespace Runbook.Steps.Upload;

/// <summary>
/// 'upload: { src | content, dest, mode, owner, group, secret, from }': a controller file (relative to the runbook
/// file) or rendered text, written to the host. <see cref="File"/> is the checked source when 'src' is not a template.
/// With 'from: run' (<see cref="FromRun"/>) 'src' is a file the run makes itself, in the run's directory, read when
/// the step runs.
/// </summary>
internal sealed record UploadSpec(
    FilePlacementSpec Place,
    bool Secret,
    TemplateText? Src,
    LocalFile? File,
    TemplateText? Content,
    bool FromRun = false
) : StepSpec
{
    public override string Kind => UploadStep.Name;

    /// <summary>Each source file's digest, computed once per compile however many hosts upload it.</summary>
    internal ConcurrentDictionary<LocalFile, FileDigest> Digests { get; } = new();
}
