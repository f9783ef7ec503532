using System.Text;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Steps.Files;

namespace Runbook.Steps.Upload;

/// <summary>The 'upload' kind: a controller file or rendered text, written to the host over its SSH
/// connection.</summary>
internal sealed class UploadStep : StepKind<UploadSpec, UploadWork>
{
    public const string Name = "upload";

    private static readonly string[] Keys = ["src", "content", "dest", "mode", "owner", "group", "secret", "from"];

    public override string Key => Name;

    public override bool HasOutput => false;

    public override UploadSpec? Read(NodeReader reader, SyntaxNode node, string where)
    {
        if (FileSpecReader.Map(reader, node, Name, where, Keys) is not { } map)
            return null;
        var owner = $"'{Name}' of {where}";
        var fromRun = RunFiles.ReadFrom(reader, map, owner);
        TemplateText? content = null;
        (ScalarSyntax? Node, LocalFile? File) src = (null, null);
        var has = (Src: map["src"] is not null, Content: map["content"] is not null);
        if (has.Src && has.Content)
        {
            reader.Diagnostics.Error(
                Codes.InvalidValue,
                map.KeyOf("content")!.Span,
                $"{owner} has both 'src' and 'content'",
                "upload a file with 'src', or write text with 'content', in two steps if you need both"
            );
        }
        else if (!has.Src && !has.Content)
        {
            reader.Diagnostics.Error(
                Codes.MissingKey,
                map.Span,
                $"{owner} needs 'src' or 'content'",
                "add 'src: files/NAME' (relative to the runbook file) or 'content: TEXT'"
            );
        }
        else if (has.Src)
        {
            src = fromRun == true ? RunFiles.Source(reader, map, owner) : FileSpecReader.Source(reader, map, owner);
        }
        else if (fromRun == true)
        {
            reader.Diagnostics.Error(
                Codes.InvalidValue,
                map.KeyOf("from")!.Span,
                $"{owner} has 'from: run' with 'content'",
                "'from: run' says where 'src' is read; remove it, or upload a file of the run's directory with 'src'"
            );
        }
        else
        {
            content = ValueReaders.Template(reader, map["content"], "'content'");
        }

        var place = FileSpecReader.Placement(reader, map, owner);
        var secret = FileSpecReader.Secret(reader, map);
        if (place is null || fromRun is null || (has.Src && src.Node is null))
            return null;
        var srcText = src.Node is { } s
            ? new TemplateText(s.Value, s.Span.WithOffset(s.ContentOffset, s.Value.Length))
            : null;
        if (srcText is not null && !srcText.IsTemplate && src.File is null && fromRun != true)
            return null; // the file cannot be read: reported
        return new UploadSpec(place, secret, srcText, src.File, content, fromRun == true);
    }

    public override IEnumerable<StepTemplate> Templates(UploadSpec spec)
    {
        yield return new StepTemplate(spec.Place.Dest, "an upload's 'dest'");
        if (spec.Src is { IsTemplate: true } src)
            yield return new StepTemplate(src, "an upload's 'src'");
        if (spec.Content is { } content)
            yield return new StepTemplate(content, "an upload's 'content'");
    }

    /// <summary>What decides whether a step on any(...) renders per candidate: the text written, else a templated
    /// 'src', else 'dest'.</summary>
    public override TemplateText Main(UploadSpec spec) =>
        spec.Content ?? (spec.Src is { IsTemplate: true } src ? src : spec.Place.Dest);

    public override UploadWork? Render(StepRender render, UploadSpec spec)
    {
        var place = FileRender.Placement(render, spec.Place);
        if (spec.Content is { } content)
        {
            var text = render.Text(content);
            if (text is null || place is null)
                return null;
            var secret = spec.Secret || render.Masked(text) != text;
            return new UploadWork(
                Name,
                "content",
                null,
                text,
                FileDigest.Of(Encoding.UTF8.GetBytes(text)),
                place,
                secret
            );
        }

        if (spec.FromRun)
            return RunFiles.Render(render, spec, place);

        var file = spec.File;
        if (file is null && spec.Src is { } src && render.Text(src) is { } path)
        {
            var resolved = LocalFile.Resolve(src.Span.File, path);
            file = FileSpecReader.Check(render.Diagnostics, resolved, src.Span) ? resolved : null;
        }

        if (file is null || place is null)
            return null;
        var digest = FileRender.Digest(render, spec.Digests, file, spec.Src!.Span);
        return digest is null ? null : new UploadWork(Name, file.Written, file, null, digest, place, spec.Secret);
    }

    public override UploadWork WithCommand(UploadWork work, Command command) => work;

    public override Task<StepOutcome> ExecuteAsync(StepExecution execution, UploadWork work) =>
        FileUpload.RunAsync(execution, work);
}
