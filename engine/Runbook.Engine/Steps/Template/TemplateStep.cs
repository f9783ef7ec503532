using System.Text;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Steps.Files;
using Runbook.Steps.Upload;

namespace Runbook.Steps.Template;

/// <summary>The 'template' kind: renders a local template file per host, then writes it as 'upload' does.</summary>
internal sealed class TemplateStep : StepKind<TemplateSpec, UploadWork>
{
    public const string Name = "template";

    private static readonly string[] Keys = ["src", "dest", "mode", "owner", "group", "secret"];

    public override string Key => Name;

    public override bool HasOutput => false;

    public override TemplateSpec? Read(NodeReader reader, SyntaxNode node, string where)
    {
        if (FileSpecReader.Map(reader, node, Name, where, Keys) is not { } map)
            return null;
        var owner = $"'{Name}' of {where}";
        var (src, file) = FileSpecReader.Source(reader, map, owner);
        var place = FileSpecReader.Placement(reader, map, owner);
        var secret = FileSpecReader.Secret(reader, map);
        var templated =
            src is not null
            && (
                src.Value.Contains("{{", StringComparison.Ordinal) || src.Value.Contains("{%", StringComparison.Ordinal)
            );
        if (templated)
        {
            reader.Diagnostics.Error(
                Codes.InvalidValue,
                src!.Span,
                $"{owner}: 'src' cannot be a template: the file is read and checked before any host is known",
                "name one template file; it can use host.* to differ per host"
            );
            return null;
        }

        if (file is null || place is null)
            return null;
        string? text;
        try
        {
            text = file.ReadText();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reader.Diagnostics.Error(Codes.LocalFile, src!.Span, $"cannot read '{file.Written}': {ex.Message}");
            return null;
        }

        if (text is null)
        {
            reader.Diagnostics.Error(
                Codes.LocalFile,
                src!.Span,
                $"'{file.Written}' is not a UTF-8 text file of at most {LocalFile.MaxTextBytes / (1024 * 1024)} MiB",
                "render text templates; upload other files with 'upload: {{ src: ... }}'"
            );
            return null;
        }

        return new TemplateSpec(place, secret, file, new TemplateText(text, new SourceSpan(file.Shown, 1, 1)));
    }

    public override IEnumerable<StepTemplate> Templates(TemplateSpec spec) =>
        [new(spec.Place.Dest, "a template's 'dest'"), new(spec.Body, "a template file")];

    /// <summary>The body: a step on any(...) renders per candidate when the body reads the host (its 'dest' rarely
    /// does).</summary>
    public override TemplateText Main(TemplateSpec spec) => spec.Body;

    public override UploadWork? Render(StepRender render, TemplateSpec spec)
    {
        var place = FileRender.Placement(render, spec.Place);
        var text = render.Text(spec.Body);
        if (text is null || place is null)
            return null;
        var secret = spec.Secret || render.Masked(text) != text;
        var digest = FileDigest.Of(Encoding.UTF8.GetBytes(text));
        return new UploadWork(Name, spec.File.Written, spec.File, text, digest, place, secret);
    }

    public override UploadWork WithCommand(UploadWork work, Command command) => work;

    public override Task<StepOutcome> ExecuteAsync(StepExecution execution, UploadWork work) =>
        FileUpload.RunAsync(execution, work);
}
