using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// Cross-checks a native runbook or inventory against schema.json (JsonSchema.Net), so that the schema editors use and
/// the hand-written reader cannot drift apart. Each failing instance location is reported once, as RB0090, at the YAML
/// node it came from: <c>phases[0].steps[1].timeout: '10 seconds' matches none of: ...</c>.
/// </summary>
internal static class SchemaValidator
{
    public static void Validate(SourceDocument document, DiagnosticBag diagnostics)
    {
        if (document.Root is null)
            return;
        var instance = JsonInstance.From(document.Root);
        if (instance.LimitExceeded is var (code, message))
        {
            diagnostics.Error(code, document.Root.Span, message);
            return;
        }

        var results = EmbeddedSchema.Evaluate(instance.Root);
        if (results.IsValid)
            return;
        var errors = new SchemaErrorCollector(new SchemaMessages(instance)).Collect(results);
        foreach (var atLocation in errors.GroupBy(e => e.Location))
        {
            var at = instance.At(atLocation.Key);
            var first = atLocation.First();
            var span = first.AtKey && at.Key is not null ? at.Key.Span : at.Node.Span;
            var text = string.Join("; ", atLocation.Select(e => e.Message).Distinct());
            diagnostics.Error(Codes.Schema, span, $"{at.DisplayPath}: {text}");
        }
    }
}
