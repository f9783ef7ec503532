using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// Validation of runbook and inventory files (behind <c>RunbookEngine.Validate</c>): every problem gathered,
/// nothing thrown.
/// </summary>
internal static class FileValidator
{
    /// <summary>
    /// Validates runbooks and inventories; returns every diagnostic, sorted (warnings included). With an inventory,
    /// each
    /// valid runbook is also compiled against it and the safety rules run on the graph; without, the rules that need no
    /// inventory run. Safety findings are warnings.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(
        IEnumerable<string> paths,
        string? inventoryPath = null,
        CompileOptions? options = null
    ) => Validate(paths, inventoryPath is null ? [] : [inventoryPath], options);

    /// <summary>
    /// As above, with the inventory made of several -i paths (files, directories, scripts: merged as Ansible merges
    /// them, as plan and run read them); none: no inventory.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(
        IEnumerable<string> paths,
        IReadOnlyList<string> inventoryPaths,
        CompileOptions? options = null
    )
    {
        var bag = new DiagnosticBag();
        var given = inventoryPaths.Count > 0;
        var inventory = given ? LoadInventory(inventoryPaths, bag) : null;
        foreach (var path in paths.Where(p => !inventoryPaths.Any(i => SameFile(p, i))))
            ValidateFile(path, bag, given ? inventory ?? Unusable : null, options ?? CompileOptions.Default);
        return bag.ToSortedList();
    }

    /// <summary>
    /// The -i inventory, checked as a listed one is (schema.json too, for a native one): a value the reader tolerates
    /// but the schema rejects (roles: 3) is reported, and such an inventory is not compiled against (null), so its
    /// misreading does not surface as misleading runbook errors ("roles there: 3").
    /// </summary>
    private static InventoryDefinition? LoadInventory(IReadOnlyList<string> paths, DiagnosticBag bag)
    {
        var found = new DiagnosticBag();
        var inventory = InventoryLoader.Load(paths, found);
        if (paths is [var path] && File.Exists(path) && IsYaml(path) && !found.HasErrors)
        {
            var doc = SourceLoader.LoadYaml(path, new DiagnosticBag());
            if (doc?.Root is MappingSyntax map && InventoryFormatDetector.IsNative(map))
                AddSchemaFindings(doc, found);
        }

        bag.AddRange(found.ToSortedList());
        return found.HasErrors ? null : inventory;
    }

    /// <summary>A file listed and also given as -i is checked once.</summary>
    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>Validates one file: a YAML file with a top-level 'runbook' key is a runbook, anything else an
    /// inventory.</summary>
    public static DocumentKind? ValidateFile(string path, DiagnosticBag bag) =>
        ValidateFile(path, bag, null, CompileOptions.Default);

    private static readonly InventoryDefinition Unusable = new(
        "unusable",
        InventoryFormat.Native,
        [],
        null,
        new SourceText(string.Empty, string.Empty)
    );

    private static DocumentKind? ValidateFile(
        string path,
        DiagnosticBag bag,
        InventoryDefinition? inventory,
        CompileOptions options
    )
    {
        if (!IsYaml(path))
        {
            InventoryLoader.Load(path, bag);
            return DocumentKind.Inventory;
        }

        var inner = new DiagnosticBag();
        var doc = SourceLoader.LoadYaml(path, inner);
        if (doc?.Root is MappingSyntax included && IncludedFile.Is(included))
        {
            IncludedFile.Validate(doc, included, inner);
            AddSchemaFindings(doc, inner);
            bag.AddRange(inner.ToSortedList());
            return DocumentKind.Included;
        }

        if (doc?.Root is MappingSyntax map && map["runbook"] is null)
        {
            // schema.json describes native inventories as well, and editors check them against it: so does validate,
            // or what the reader tolerates (roles: 3, read as the role '3') would pass here and be flagged there.
            // Ansible inventories are not in the schema.
            var found = new DiagnosticBag();
            InventoryLoader.Load(path, found);
            if (InventoryFormatDetector.IsNative(map))
                AddSchemaFindings(doc, found);
            bag.AddRange(found.ToSortedList());
            return DocumentKind.Inventory;
        }

        var runbook = doc is null ? null : RunbookReader.Read(doc, inner);
        if (runbook is not null)
            TemplateCatalog.Build(runbook, inner);
        if (doc?.Root is not null)
            AddSchemaFindings(doc, inner);
        if (runbook is not null && !inner.HasErrors && !ReferenceEquals(inventory, Unusable))
            SafetyWarnings.Add(runbook, inventory, options, inner);
        bag.AddRange(inner.ToSortedList());
        return doc is null ? null : DocumentKind.Runbook;
    }

    /// <summary>
    /// Adds what schema.json finds to what the reader found, except on lines where the reader already reported an
    /// error: there the reader's message, worded for the language, is the better one, and one problem is reported
    /// once. Every other line the schema flags is reported now, as an editor shows it, not after the rest is fixed.
    /// </summary>
    private static void AddSchemaFindings(SourceDocument document, DiagnosticBag found)
    {
        var schema = new DiagnosticBag();
        SchemaValidator.Validate(document, schema);
        var reported = found.ToSortedList().Where(d => d.IsError).Select(d => d.Span.Line).ToHashSet();
        found.AddRange(schema.ToSortedList().Where(d => !reported.Contains(d.Span.Line)));
    }

    private static bool IsYaml(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml" or ".json";
}
