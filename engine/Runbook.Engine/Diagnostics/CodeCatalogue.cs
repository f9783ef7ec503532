using System.Collections.Frozen;
using System.Reflection;

namespace Runbook.Diagnostics;

/// <summary>
/// The codes of <see cref="Codes"/> by id, with the name of the field that declares each: what a report that
/// describes its codes (SARIF's rules) reads, so titles and hints are written once, in the catalogue.
/// </summary>
internal static class CodeCatalogue
{
    private static readonly Lazy<FrozenDictionary<string, (string Name, DiagnosticCode Code)>> ById = new(() =>
        typeof(Codes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticCode))
            .Select(f => (f.Name, Code: (DiagnosticCode)f.GetValue(null)!))
            .ToFrozenDictionary(c => c.Code.Id, StringComparer.Ordinal)
    );

    /// <summary>The code with this id and its field's name (UnknownKey); null for an id the catalogue lacks.</summary>
    public static (string Name, DiagnosticCode Code)? Find(string id) =>
        ById.Value.TryGetValue(id, out var entry) ? entry : null;
}
