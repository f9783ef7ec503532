using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>
/// A phase's 'serial', 'max_failures' and 'max_fail_percent' written as templates (<c>"{{ params.batch }}"</c>):
/// kept as text here, checked by the template catalog (params only) and resolved by the compiler.
/// </summary>
internal static class RolloutReader
{
    public static RolloutTemplates? Read(NodeReader r, MappingSyntax map)
    {
        var serial = Template(r, map, "serial");
        var failures = Template(r, map, "max_failures");
        var percent = Template(r, map, "max_fail_percent");
        return serial is null && failures is null && percent is null
            ? null
            : new RolloutTemplates(serial, failures, percent);
    }

    private static TemplateText? Template(NodeReader r, MappingSyntax map, string key) =>
        map[key] is ScalarSyntax { IsNull: false } s
        && ValueReaders.Template(r, s, $"'{key}'") is { IsTemplate: true } t
            ? t
            : null;
}
