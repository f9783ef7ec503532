using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class EnvReader
{
    public static IReadOnlyList<EnvEntry> Read(NodeReader r, SyntaxNode? node)
    {
        var env = new List<EnvEntry>();
        var map = r.Mapping(node, "'env'");
        if (map is null)
            return env;
        foreach (var (key, value) in map.Entries)
        {
            if (!Names.IsIdentifier(key.Value))
            {
                r.Diagnostics.Error(Codes.InvalidName, key.Span, $"'{key.Value}' is not an environment variable name");
            }

            if (ValueReaders.Template(r, value, $"env '{key.Value}'") is { } text)
                env.Add(new EnvEntry(key.Value, text));
        }

        return env;
    }
}
