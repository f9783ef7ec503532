using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Steps.Files;

/// <summary>Reads the keys the file kinds share: 'src' checked on the controller, 'dest', mode, owner, group,
/// secret.</summary>
internal static partial class FileSpecReader
{
    /// <summary>The mapping of a file step, its keys checked against <paramref name="keys"/>.</summary>
    public static MappingSyntax? Map(NodeReader r, SyntaxNode node, string key, string owner, string[] keys)
    {
        var where = $"'{key}' of {owner}";
        var map = r.Mapping(node, where);
        if (map is not null)
            r.CheckKeys(map, where, keys);
        return map;
    }

    public static FilePlacementSpec? Placement(NodeReader r, MappingSyntax map, string where)
    {
        var dest = r.Required(map, "dest", where) is { } d
            ? new TemplateText(d.Value, d.Span.WithOffset(d.ContentOffset, d.Value.Length))
            : null;
        var mode = Mode(r, map);
        var owner = Name(r, map, "owner");
        var group = Name(r, map, "group");
        return dest is null ? null : new FilePlacementSpec(dest, mode, owner, group);
    }

    /// <summary>'src' as a local file, reported at its position when it cannot be read; null when it is a template
    /// (checked per host when compiling) or missing.</summary>
    public static (ScalarSyntax? Node, LocalFile? File) Source(NodeReader r, MappingSyntax map, string where)
    {
        if (r.Required(map, "src", where) is not { } src)
            return (null, null);
        if (src.Value.Contains("{{", StringComparison.Ordinal) || src.Value.Contains("{%", StringComparison.Ordinal))
            return (src, null);
        var file = LocalFile.Resolve(src.Span.File, src.Value);
        return Check(r.Diagnostics, file, src.Span.WithOffset(src.ContentOffset, src.Value.Length))
            ? (src, file)
            : (src, null);
    }

    /// <summary>Reports a source file that cannot be read; true when it can.</summary>
    public static bool Check(DiagnosticBag diagnostics, LocalFile file, SourceSpan span)
    {
        if (file.Problem() is not { } problem)
            return true;
        diagnostics.Error(
            Codes.LocalFile,
            span,
            $"cannot read '{file.Written}': {problem} (looked for {file.Shown})",
            "'src' is relative to the runbook file; check the path"
        );
        return false;
    }

    public static bool Secret(NodeReader r, MappingSyntax map) => r.Bool(map, "secret") ?? false;

    private static string? Mode(NodeReader r, MappingSyntax map)
    {
        if (r.Scalar(map["mode"], "'mode'") is not { IsNull: false } s)
            return null;
        if (ModePattern().IsMatch(s.Value))
            return s.Value.PadLeft(4, '0');
        r.Diagnostics.Error(
            Codes.InvalidValue,
            s.Span,
            $"'mode' must be an octal file mode like \"0644\", not '{s.Value}'",
            "write it as three or four octal digits, quoted: mode: \"0644\""
        );
        return null;
    }

    private static string? Name(NodeReader r, MappingSyntax map, string key)
    {
        if (r.Scalar(map[key], $"'{key}'") is not { IsNull: false } s)
            return null;
        if (NamePattern().IsMatch(s.Value))
            return s.Value;
        r.Diagnostics.Error(
            Codes.InvalidValue,
            s.Span,
            $"'{key}' must be a user or group name or a numeric id, not '{s.Value}'"
        );
        return null;
    }

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex ModePattern();

    [GeneratedRegex("^([a-z_][a-z0-9_.-]*\\$?|[0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
