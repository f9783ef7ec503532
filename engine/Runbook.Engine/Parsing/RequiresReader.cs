using System.Text.RegularExpressions;
using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>
/// 'requires: [etcdctl, kubectl]' on a step or gate: the commands it needs on its host, which the run's preflight
/// looks for with <c>command -v</c> before anything runs. A name is a command or an absolute path, nothing a shell
/// would read as more than one word.
/// </summary>
internal static partial class RequiresReader
{
    public const string Key = "requires";

    public static IReadOnlyList<string> Read(NodeReader r, SyntaxNode? node, string where)
    {
        var items = r.StringList(node, $"'requires' of {where}");
        if (items is null)
            return [];
        var tools = new List<string>();
        foreach (var item in items)
        {
            if (!ToolName().IsMatch(item.Value))
            {
                r.Diagnostics.Error(
                    Codes.InvalidValue,
                    item.Span,
                    $"'{item.Value}' in 'requires' of {where} is not a command name",
                    "list commands the way a shell finds them: etcdctl, kubectl or /usr/local/bin/etcdctl"
                );
                continue;
            }

            if (!tools.Contains(item.Value, StringComparer.Ordinal))
                tools.Add(item.Value);
        }

        return tools;
    }

    [GeneratedRegex(@"^(?:/?[A-Za-z0-9_.+@-]+)+$")]
    private static partial Regex ToolName();
}
