using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>
/// Reads an include item (<c>- include: steps/x.yaml</c> with <c>with:</c> beside it) in a list of steps or gates:
/// finds the file relative to the including file (from the same git revision when the runbook was named REV:PATH),
/// refuses cycles and nesting past <see cref="IncludeFrame.MaxDepth"/>, reads the file's params and binds
/// <c>with:</c> to them, and hands the file's list to the caller's reader, which reads it like its own (nested
/// includes too). Every message about the file carries the include site.
/// </summary>
internal static class IncludeReader
{
    /// <summary>The keys of an included file.</summary>
    internal static readonly string[] FileKeys = ["description", "params", "steps", "gates"];

    private static readonly string[] ItemKeys = ["include", "with", "name"];

    public static bool IsInclude(SyntaxNode node) => node is MappingSyntax map && map["include"] is not null;

    /// <summary>
    /// Reads the file an include item names and passes its <paramref name="list"/> ("steps" or "gates") to
    /// <paramref name="read"/> with a reader for that file; reports why it cannot and calls nothing.
    /// </summary>
    public static void Expand(NodeReader r, SyntaxNode item, string list, Action<NodeReader, SequenceSyntax> read)
    {
        var map = (MappingSyntax)item;
        r.CheckKeys(map, "an include", ItemKeys);
        if (r.Scalar(map["include"], "'include'") is not { } pathNode)
            return;
        var withNode = r.Mapping(map["with"] is ScalarSyntax { IsNull: true } ? null : map["with"], "'with'");
        var name = Prefix(r, map["name"]);
        if (pathNode.IsNull || pathNode.Value.Trim().Length == 0)
        {
            r.Diagnostics.Error(Codes.MissingKey, pathNode.Span, "an include needs a file: 'include: steps/x.yaml'");
            return;
        }

        var frame = r.Include ?? IncludeFrame.Root(pathNode.Span.File);
        var at = pathNode.Span.WithOffset(pathNode.ContentOffset, pathNode.Value.Length);
        if (pathNode.Value.StartsWith('/'))
        {
            r.Diagnostics.Error(
                Codes.IncludeUnreadable,
                at,
                $"include '{pathNode.Value}' is an absolute path",
                "give the path relative to the including file, so the runbook works from any checkout"
            );
            return;
        }

        var (path, key) = frame.Resolve(pathNode.Value);
        if (frame.FromRoot().FirstOrDefault(f => f.Key == key) is { } again)
        {
            var chain = string.Join(" -> ", frame.FromRoot().SkipWhile(f => f != again).Select(f => f.Path));
            r.Diagnostics.Error(Codes.IncludeCycle, at, $"include cycle: {chain} -> {path}");
            return;
        }

        if (frame.Depth >= IncludeFrame.MaxDepth)
        {
            var chain = string.Join(" -> ", frame.FromRoot().Select(f => f.Path));
            r.Diagnostics.Error(
                Codes.IncludeTooDeep,
                at,
                $"includes nest more than {IncludeFrame.MaxDepth} deep: {chain} -> {path}"
            );
            return;
        }

        if (frame.Files.Load(path, out var reason) is not { } text)
        {
            r.Diagnostics.Error(
                Codes.IncludeUnreadable,
                at,
                $"cannot read included file '{path}': {reason}",
                $"the path is relative to the including file: {frame.Path}"
            );
            return;
        }

        var site = new IncludeSite(at, frame.Origin?.Site);
        using var within = r.Diagnostics.Within(path, site);
        var root = SourceLoader.ParseYaml(text, r.Diagnostics).Root;
        if (r.Mapping(root, "an included file") is not { } file)
            return;
        var inner = new NodeReader(r.Diagnostics);
        inner.CheckKeys(file, "an included file", FileKeys);
        var parameters = ReadParams(inner, file["params"]);
        var arguments = Arguments(r, withNode, parameters, path, at);
        var origin = new IncludeOrigin(path, parameters, arguments, frame.Origin, site);
        frame.Files.Origins.Add(origin);
        inner = new NodeReader(r.Diagnostics) { Include = frame.Child(path, key, origin, name) };
        if (List(inner, file, list, path, at) is { } seq)
            read(inner, seq);
    }

    /// <summary>The include's <c>name:</c>, which prefixes the names of the items it brings in, so one file can be
    /// included twice in a list without duplicate names; null when not given (an empty one is reported).</summary>
    private static string? Prefix(NodeReader r, SyntaxNode? node)
    {
        if (node is null || r.Scalar(node, "'name' of an include") is not { } s)
            return null;
        if (!s.IsNull && s.Value.Trim().Length > 0)
            return s.Value.Trim();
        r.Diagnostics.Error(
            Codes.MissingKey,
            s.Span,
            "'name' of an include is empty",
            "give a name to put before the included items' names, or drop the key"
        );
        return null;
    }

    /// <summary>Reads an included file on its own (<c>runbook validate steps/x.yaml</c>): its params and list, with
    /// no include site and nothing bound.</summary>
    internal static (IncludeOrigin Origin, string List, SequenceSyntax? Items, NodeReader Reader) ReadFile(
        SourceDocument document,
        MappingSyntax file,
        DiagnosticBag diagnostics
    )
    {
        var r = new NodeReader(diagnostics);
        r.CheckKeys(file, "an included file", FileKeys);
        var site = new IncludeSite(SourceSpan.None(document.Path), null);
        var origin = new IncludeOrigin(document.Path, ReadParams(r, file["params"]), [], null, site);
        var frame = IncludeFrame.Root(document.Path);
        var reader = new NodeReader(diagnostics) { Include = frame.Child(document.Path, frame.Key, origin) };
        var list = file["gates"] is not null && file["steps"] is null ? "gates" : "steps";
        return (origin, list, List(reader, file, list, document.Path, null), reader);
    }

    private static List<ParamDefinition> ReadParams(NodeReader r, SyntaxNode? node)
    {
        var parameters = ParamReader.ReadAll(r, node);
        foreach (var p in parameters.Where(p => p.FromEnv is not null))
        {
            var entry = (node as MappingSyntax)?[p.Name] as MappingSyntax;
            r.Diagnostics.Error(
                Codes.IncludeParam,
                entry?.KeyOf("env")?.Span ?? p.Span,
                $"param '{p.Name}' of an included file cannot read an environment variable",
                $"declare it in the runbook with 'env:' and pass it on: with: {{ {p.Name}: \"{{{{ params.NAME }}}}\" }}"
            );
        }

        return parameters;
    }

    /// <summary>The file's list of <paramref name="list"/>: reports a missing, empty or mismatched one.</summary>
    private static SequenceSyntax? List(NodeReader r, MappingSyntax file, string list, string path, SourceSpan? site)
    {
        var other = list == "steps" ? "gates" : "steps";
        if (file[list] is null && file.KeyOf(other) is { } otherKey)
        {
            r.Diagnostics.Error(
                Codes.IncludeMismatch,
                site ?? otherKey.Span,
                $"'{path}' holds {other}, and this is a list of {list}",
                $"include it in a phase's '{other}', or write a file with '{list}:'"
            );
            return null;
        }

        if (file.KeyOf(other) is { } both)
        {
            r.Diagnostics.Error(
                Codes.IncludeMismatch,
                both.Span,
                $"an included file holds 'steps' or 'gates', not both",
                "put the gates in a file of their own"
            );
        }

        if (file[list] is null)
        {
            r.Diagnostics.Error(
                Codes.MissingKey,
                file.Span,
                "an included file needs 'steps' or 'gates'",
                "add 'steps:' with the steps it brings in"
            );
            return null;
        }

        var seq = r.Sequence(file[list], $"'{list}'");
        if (seq is { Items.Count: 0 })
            r.Diagnostics.Error(Codes.MissingKey, seq.Span, $"'{list}' of included file '{path}' is empty");
        return seq;
    }

    /// <summary>
    /// The <c>with:</c> values, one per param: a literal is checked against the param's type here; a template is
    /// rendered when compiling. An unknown name, and a param with no default and no value, are errors.
    /// </summary>
    private static List<IncludeArgument> Arguments(
        NodeReader r,
        MappingSyntax? with,
        IReadOnlyList<ParamDefinition> parameters,
        string path,
        SourceSpan at
    )
    {
        var arguments = new List<IncludeArgument>();
        var names = parameters.Select(p => p.Name).ToList();
        foreach (var (key, node) in with?.Entries ?? [])
        {
            if (parameters.FirstOrDefault(p => p.Name == key.Value) is not { } p)
            {
                var guess = Suggest.Closest(key.Value, names);
                var takes = names.Count == 0 ? "it takes no params" : $"it takes: {string.Join(", ", names)}";
                r.Diagnostics.Error(
                    Codes.IncludeParam,
                    key.Span,
                    $"'{path}' has no param '{key.Value}'",
                    guess is null ? takes : $"did you mean '{guess}'? {takes}"
                );
                continue;
            }

            if (Argument(r, p, node, key.Value) is { } argument)
                arguments.Add(argument);
        }

        foreach (var p in parameters.Where(p => p.Default is null && arguments.All(a => a.Name != p.Name)))
        {
            if (with?.KeyOf(p.Name) is not null)
                continue; // given, but the value was wrong: reported there
            r.Diagnostics.Error(
                Codes.IncludeParam,
                at,
                $"'{path}' needs param '{p.Name}', which has no default",
                $"give it a value: with: {{ {p.Name}: ... }}"
            );
        }

        return arguments;
    }

    private static IncludeArgument? Argument(NodeReader r, ParamDefinition p, SyntaxNode node, string name)
    {
        var what = $"'with: {name}'";
        if (node is ScalarSyntax { IsNull: false } s)
        {
            var text = new TemplateText(s.Value, s.Span.WithOffset(s.ContentOffset, s.Value.Length));
            if (text.IsTemplate)
                return new IncludeArgument(name, null, text, text.Span);
            if (p.Type == ParamType.List)
            {
                r.WrongType(node, what, "a list");
                return null;
            }

            var value = ParamValues.FromText(s.Value, p.Type, out var error);
            if (error is null)
                return new IncludeArgument(name, value, null, s.Span);
            r.Diagnostics.Error(Codes.BadParamValue, s.Span, $"{what} {error}");
            return null;
        }

        if (node is SequenceSyntax && p.Type == ParamType.List)
            return new IncludeArgument(name, PlainValues.From(node), null, node.Span);
        r.WrongType(node, what, p.Type == ParamType.List ? "a list" : "a single value");
        return null;
    }
}
