using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>Reads a runbook's 'lock:' mapping.</summary>
internal static class LockReader
{
    private static readonly string[] Keys = ["on", "name", "dir", "become"];

    public static LockDefinition? Read(NodeReader r, SyntaxNode? node)
    {
        if (node is null)
            return null;
        var map = r.Mapping(node, "'lock'");
        if (map is null)
            return null;
        r.CheckKeys(map, "'lock'", Keys);
        var onNode = r.Required(map, "on", "'lock'");
        var nameNode = r.Required(map, "name", "'lock'");
        HostTarget? on = null;
        if (onNode is not null)
        {
            var span = onNode.Span.WithOffset(onNode.ContentOffset, onNode.Value.Length);
            on = HostTargetParser.Parse(onNode.Value, span, r.Diagnostics);
            if (on is not null && on.Mode != TargetMode.Any)
            {
                r.Diagnostics.Error(
                    Codes.BadSelector,
                    span,
                    $"a lock is taken on one host: 'on' must be any(...), not '{onNode.Value}'",
                    $"write 'on: any({on.Selector})': the lock is taken on the first reachable matching host"
                );
                on = null;
            }
        }

        if (nameNode is not null && !Names.IsRunbookName(nameNode.Value))
        {
            r.Diagnostics.Error(
                Codes.InvalidName,
                nameNode.Span,
                $"'{nameNode.Value}' is not a valid lock name",
                "use letters, digits, '_', '-' and '.', starting with a letter: it names a directory on the host"
            );
            nameNode = null;
        }

        var dirNode = map["dir"] is { } d ? r.Scalar(d, "'dir'") : null;
        var dir = dirNode?.Value ?? LockDefinition.DefaultDirectory;
        if (dirNode is not null && (!dir.StartsWith('/') || dir.Contains('\n', StringComparison.Ordinal)))
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                dirNode.Span,
                $"lock 'dir' must be an absolute path on the host, not '{dir}'",
                $"write a path like {LockDefinition.DefaultDirectory}"
            );
            return null;
        }

        if (on is null || nameNode is null)
            return null;
        return new LockDefinition(on, nameNode.Value, dir.TrimEnd('/'), r.Bool(map, "become") ?? false, map.Span);
    }
}
