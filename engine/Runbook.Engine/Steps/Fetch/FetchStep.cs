using Runbook.Diagnostics;
using Runbook.Execution;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Steps.Files;

namespace Runbook.Steps.Fetch;

/// <summary>
/// The 'fetch' kind: copies one file from the host into the run's directory, DEST/HOST/NAME, over the host's SSH
/// connection (through sudo with become). The host's SHA-256 is read first and the bytes are checked against it as
/// they are written to a temporary file, which is renamed into place only when they match; a file already there with
/// that hash is left alone (unchanged).
/// </summary>
internal sealed class FetchStep : StepKind<FetchSpec, FetchWork>
{
    public const string Name = "fetch";
    public const string DefaultDest = "files";

    private static readonly string[] Keys = ["src", "dest"];

    public override string Key => Name;

    public override bool HasOutput => false;

    public override FetchSpec? Read(NodeReader reader, SyntaxNode node, string where)
    {
        if (FileSpecReader.Map(reader, node, Name, where, Keys) is not { } map)
            return null;
        var owner = $"'{Name}' of {where}";
        var src = reader.Required(map, "src", owner) is { } s
            ? new TemplateText(s.Value, s.Span.WithOffset(s.ContentOffset, s.Value.Length))
            : null;
        var dest = DefaultDest;
        if (reader.Scalar(map["dest"], "'dest'") is { IsNull: false } d)
        {
            var parts = d.Value.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (Path.IsPathRooted(d.Value) || parts.Length == 0 || parts.Any(p => p is "." or ".."))
            {
                reader.Diagnostics.Error(
                    Codes.InvalidValue,
                    d.Span,
                    $"{owner}: 'dest' must be a folder inside the run's directory, not '{d.Value}'",
                    "give a relative folder without '..', like snapshots/; each host's file lands in DEST/HOST/"
                );
                return null;
            }

            dest = string.Join('/', parts);
        }

        return src is null ? null : new FetchSpec(src, dest);
    }

    public override IEnumerable<StepTemplate> Templates(FetchSpec spec) => [new(spec.Src, "a fetch's 'src'")];

    public override TemplateText Main(FetchSpec spec) => spec.Src;

    public override FetchWork? Render(StepRender render, FetchSpec spec)
    {
        if (render.Text(spec.Src) is not { } src)
            return null;
        if (FileRender.RemotePathProblem(src) is { } problem)
        {
            render.Diagnostics.Error(
                Codes.InvalidValue,
                spec.Src.Span,
                $"'src' {problem} for host '{render.Host}': '{render.Masked(src)}'",
                "give the absolute path of one file on the host"
            );
            return null;
        }

        return new FetchWork(src, $"{spec.Dest}/{render.Host}/{Path.GetFileName(src)}");
    }

    public override FetchWork WithCommand(FetchWork work, Command command) => work;

    public override async Task<StepOutcome> ExecuteAsync(StepExecution execution, FetchWork work)
    {
        var run = execution.Run;
        var target = Path.GetFullPath(Path.Combine(RunFiles.Directory(run), work.Local));
        if (Directory.Exists(target))
            return FileUpload.Failed($"{target} is a directory on the controller; remove it or choose another 'dest'");

        var connection = await execution.ConnectAsync();
        var probe = await connection.ExecuteAsync(
            Command(execution, RemoteFile.ProbeScript(work.Src)),
            null,
            run.Abort
        );
        if (probe.TimedOut)
            return FileUpload.TimedOut(execution);
        var state = probe.ExitCode == 0 ? RemoteFile.Parse(probe.Stdout) : null;
        switch (state?.Kind)
        {
            case null:
                return FileUpload.Failed($"cannot read {work.Src} on the host: {FileUpload.LastLine(probe.Stderr)}");
            case RemoteFile.Missing:
                return FileUpload.Failed($"{work.Src} does not exist on the host");
            case RemoteFile.Directory:
                return FileUpload.Failed($"{work.Src} is a directory on the host; fetch copies one file");
            case RemoteFile.Other:
                return FileUpload.Failed($"{work.Src} is not a regular file on the host");
        }

        if (File.Exists(target) && LocalSha(target) == state.Sha256)
            return new StepOutcome(StepStatus.Ok, Changed: false);

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".runbook-fetch";
        FileDigest got;
        Transport.CommandResult result;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var hashing = new HashingStream(file, reading: false))
            {
                var cat = "cat " + Templating.ShellQuote.Quote(work.Src);
                result = await connection.ReceiveAsync(Command(execution, cat), hashing, run.Abort);
                got = hashing.Digest();
            }

            if (result.TimedOut || result.ExitCode != 0)
            {
                return result.TimedOut
                    ? FileUpload.TimedOut(execution)
                    : FileUpload.Failed(
                        $"cannot read {work.Src}: {FileUpload.LastLine(result.Stderr)}",
                        result.ExitCode
                    );
            }

            if (got.Sha256 != state.Sha256)
            {
                return FileUpload.Failed(
                    $"{work.Src} arrived with SHA-256 {got.Sha256}, but the host's file has {state.Sha256} "
                        + "(it changed while it was read?)"
                );
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new StepOutcome(StepStatus.Ok, 0, Changed: true);
    }

    private static string LocalSha(string path)
    {
        using var stream = File.OpenRead(path);
        return FileDigest.Of(stream).Sha256;
    }

    private static Transport.RemoteCommand Command(StepExecution execution, string script) =>
        execution.Remote(new Command(script, script, false));
}
