using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

internal static class ParamReader
{
    private static readonly string[] Keys = ["type", "default", "description", "secret", "env"];
    private static readonly string[] Types = ["string", "int", "bool", "duration", "list"];

    public static List<ParamDefinition> ReadAll(NodeReader r, SyntaxNode? node)
    {
        var result = new List<ParamDefinition>();
        if (node is null or ScalarSyntax { IsNull: true })
            return result;
        var map = r.Mapping(node, "'params'");
        if (map is null)
            return result;
        foreach (var (key, value) in map.Entries)
        {
            if (!Names.IsIdentifier(key.Value))
            {
                r.Diagnostics.Error(
                    Codes.InvalidName,
                    key.Span,
                    $"'{key.Value}' is not a valid param name",
                    "use letters, digits and '_', starting with a letter, so templates can say params.NAME"
                );
            }

            result.Add(Read(r, key, value));
        }

        return result;
    }

    private static ParamDefinition Read(NodeReader r, ScalarSyntax key, SyntaxNode node)
    {
        var where = $"param '{key.Value}'";
        if (node is ScalarSyntax { IsNull: true })
        {
            return new ParamDefinition(key.Value, ParamType.String, null, null, false, null, key.Span);
        }

        var map = r.Mapping(node, where);
        if (map is null)
            return new ParamDefinition(key.Value, ParamType.String, null, null, false, null, key.Span);
        r.CheckKeys(map, where, Keys);

        var type = ParamType.String;
        if (r.Scalar(map["type"], "'type'") is { } typeNode)
        {
            var i = Array.IndexOf(Types, typeNode.Value);
            if (i < 0)
            {
                r.Diagnostics.Error(
                    Codes.InvalidValue,
                    typeNode.Span,
                    $"unknown param type '{typeNode.Value}'",
                    $"use one of: {string.Join(", ", Types)}"
                );
            }
            else
            {
                type = (ParamType)i;
            }
        }

        object? value = null;
        if (map["default"] is { } d)
        {
            value = ParamValues.FromNode(r, d, type, where);
        }

        var env = r.String(map, "env", where);
        if (env is not null && !Names.IsIdentifier(env))
        {
            r.Diagnostics.Error(Codes.InvalidValue, map["env"]!.Span, $"'{env}' is not an environment variable name");
        }

        return new ParamDefinition(
            key.Value,
            type,
            value,
            r.String(map, "description", where),
            r.Bool(map, "secret") ?? false,
            env,
            key.Span
        );
    }
}
