using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>
/// The file being read while a runbook and its includes are read: where relative include paths start, the chain of
/// includes that led here (for cycles and the depth limit) and the origin its steps get. The runbook itself is the
/// root frame; every frame of one read shares one <see cref="IncludeFiles"/>, so a file is read from disk or git
/// once however often it is included.
/// </summary>
internal sealed class IncludeFrame
{
    public const int MaxDepth = 8;

    private IncludeFrame(
        IncludeFiles files,
        string path,
        string key,
        IncludeOrigin? origin,
        IncludeFrame? parent,
        string? prefix = null
    )
    {
        Files = files;
        NamePrefix = prefix;
        Path = path;
        Key = key;
        Origin = origin;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public IncludeFiles Files { get; }

    /// <summary>The file as named in diagnostics: a path relative to the current directory, or REV:PATH.</summary>
    public string Path { get; }

    /// <summary>The file's identity for cycle checks: its full path, or REV:PATH.</summary>
    public string Key { get; }

    /// <summary>The include that brought this file in; null for the runbook.</summary>
    public IncludeOrigin? Origin { get; }

    public IncludeFrame? Parent { get; }

    /// <summary>What the include's <c>name:</c> puts before the names of the items it brings in ("second member / "),
    /// after the prefixes of the includes around it; null when none gave one.</summary>
    public string? NamePrefix { get; }

    public int Depth { get; }

    /// <summary>The root frame: a runbook named by a path, or by REV:PATH, whose includes come from the same
    /// revision.</summary>
    public static IncludeFrame Root(string path)
    {
        var revision = RevisionSource.IsRevision(path);
        var files = new IncludeFiles(revision);
        return new IncludeFrame(files, path, revision ? path : FullPath(path), null, null);
    }

    public IncludeFrame Child(string path, string key, IncludeOrigin origin, string? name = null) =>
        new(Files, path, key, origin, this, name is null ? NamePrefix : $"{NamePrefix}{name} / ");

    /// <summary>An item's name as it joins the including list: with the include's prefix, if it has one.</summary>
    public string Named(string name) => NamePrefix is null ? name : NamePrefix + name;

    /// <summary>An include path relative to this file, as named in diagnostics, and its identity.</summary>
    public (string Path, string Key) Resolve(string relative)
    {
        if (!Files.FromRevision)
        {
            var path = Join(Directory(Path), relative);
            return (path, FullPath(path));
        }

        var colon = Path.IndexOf(':', StringComparison.Ordinal);
        var spec = Path[..(colon + 1)] + Join(Directory(Path[(colon + 1)..]), relative);
        return (spec, spec);
    }

    /// <summary>The files from the runbook to this one, for messages: "a.yaml -> b.yaml".</summary>
    public IEnumerable<IncludeFrame> FromRoot()
    {
        var frames = new List<IncludeFrame>();
        for (var f = this; f is not null; f = f.Parent)
            frames.Add(f);
        frames.Reverse();
        return frames;
    }

    private static string FullPath(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash switch
        {
            < 0 => string.Empty,
            0 => "/",
            _ => path[..slash],
        };
    }

    /// <summary>
    /// Joins without touching the file system, so names stay as the user gave them ("runbooks/steps/x.yaml") and a
    /// revision's paths work too. A directory given as "./…" keeps that prefix: git reads REV:./PATH relative to the
    /// current directory and REV:PATH relative to the repository's top.
    /// </summary>
    internal static string Join(string directory, string relative)
    {
        var absolute = directory.StartsWith('/');
        var fromHere = directory is "." or ".." || directory.StartsWith("./", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var segment in (directory + "/" + relative).Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else if (segment != ".." || !absolute)
                parts.Add(segment);
        }

        var joined = string.Join('/', parts);
        if (absolute)
            return "/" + joined;
        return fromHere && !joined.StartsWith("../", StringComparison.Ordinal) ? "./" + joined : joined;
    }
}

/// <summary>The included files of one runbook read: each read once, kept in the order first read.</summary>
internal sealed class IncludeFiles(bool fromRevision)
{
    private readonly Dictionary<string, (SourceText? Text, string? Reason)> _loaded = new(StringComparer.Ordinal);
    private readonly List<SourceText> _read = [];

    /// <summary>The runbook was named REV:PATH, so every include is read from the same revision.</summary>
    public bool FromRevision { get; } = fromRevision;

    public IReadOnlyList<SourceText> Read => _read;

    /// <summary>Every include item read, each after the one that brought its file in.</summary>
    public List<IncludeOrigin> Origins { get; } = [];

    /// <summary>The file's text, or null with the reason in <paramref name="reason"/>.</summary>
    public SourceText? Load(string path, out string? reason)
    {
        if (!_loaded.TryGetValue(path, out var loaded))
        {
            var found = new DiagnosticBag();
            var text = FromRevision ? RevisionSource.Read(path, found) : SourceLoader.ReadText(path, found);
            var why = found.ToSortedList() is [var first, ..] ? first.Message : "it cannot be read";
            loaded = (text, text is null ? why : null);
            _loaded[path] = loaded;
            if (text is not null)
                _read.Add(text);
        }

        reason = loaded.Reason;
        return loaded.Text;
    }
}
