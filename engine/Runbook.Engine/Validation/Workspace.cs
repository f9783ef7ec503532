using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Graph;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// The front door of the engine: load, validate and compile files, with every problem gathered before failing.
/// Methods that return a value throw <see cref="InvalidInputException"/> carrying all diagnostics when there were errors.
/// </summary>
public static class Workspace
{
    /// <summary>
    /// Validates runbooks and inventories; returns every diagnostic, sorted (warnings included). With an inventory, each
    /// valid runbook is also compiled against it and the safety rules run on the graph; without, the rules that need no
    /// inventory run. Safety findings are warnings.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(IEnumerable<string> paths, string? inventoryPath = null, CompileOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var inventory = inventoryPath is null ? null : InventoryLoader.Load(inventoryPath, bag);
        foreach (var path in paths) ValidateFile(path, bag, inventoryPath is null ? null : inventory ?? Unusable, options ?? CompileOptions.Default);
        return bag.ToSortedList();
    }

    /// <summary>Validates one file: a YAML file with a top-level 'runbook' key is a runbook, anything else an inventory.</summary>
    public static DocumentKind? ValidateFile(string path, DiagnosticBag bag) => ValidateFile(path, bag, null, CompileOptions.Default);

    private static readonly InventoryDefinition Unusable = new("unusable", InventoryFormat.Native, [], null, new SourceText(string.Empty, string.Empty));

    private static DocumentKind? ValidateFile(string path, DiagnosticBag bag, InventoryDefinition? inventory, CompileOptions options)
    {
        if (!IsYaml(path))
        {
            InventoryLoader.Load(path, bag);
            return DocumentKind.Inventory;
        }

        var inner = new DiagnosticBag();
        var doc = SourceLoader.LoadYaml(path, inner);
        if (doc?.Root is MappingSyntax map && map["runbook"] is null)
        {
            // schema.json describes native inventories as well, and editors check them against it: so does validate,
            // or what the reader tolerates (roles: 3, read as the role '3') would pass here and be flagged there.
            // Ansible inventories are not in the schema.
            var found = new DiagnosticBag();
            InventoryLoader.Load(path, found);
            if (InventoryFormatDetector.IsNative(map)) AddSchemaFindings(doc, found);
            bag.AddRange(found.ToSortedList());
            return DocumentKind.Inventory;
        }

        var runbook = doc is null ? null : RunbookReader.Read(doc, inner);
        if (runbook is not null) TemplateCatalog.Build(runbook, inner);
        if (doc?.Root is not null) AddSchemaFindings(doc, inner);
        if (runbook is not null && !inner.HasErrors && !ReferenceEquals(inventory, Unusable)) SafetyWarnings.Add(runbook, inventory, options, inner);
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

    public static RunbookDefinition LoadRunbook(string path)
    {
        var bag = new DiagnosticBag();
        var runbook = RunbookReader.Load(path, bag);
        ThrowIfErrors(bag);
        return runbook!;
    }

    public static InventoryDefinition LoadInventory(string path)
    {
        var bag = new DiagnosticBag();
        var inventory = InventoryLoader.Load(path, bag);
        ThrowIfErrors(bag);
        return inventory!;
    }

    /// <summary>Loads, validates and compiles; all errors of the runbook, the inventory and the params are reported together.</summary>
    public static ExecutionGraph Compile(string runbookPath, string inventoryPath, CompileOptions options)
    {
        var bag = new DiagnosticBag();
        var runbook = RunbookReader.Load(runbookPath, bag);
        var inventory = InventoryLoader.Load(inventoryPath, bag);
        if (runbook is null || inventory is null || bag.HasErrors)
        {
            if (runbook is not null) TemplateCatalog.Build(runbook, bag);
            ThrowIfErrors(bag);
        }

        var graph = Compiler.Compile(runbook!, inventory!, options, bag);
        ThrowIfErrors(bag);
        return graph!;
    }

    /// <summary>
    /// As <see cref="Compile(string, string, CompileOptions)"/>, where the runbook and the inventory may also be git
    /// revisions of files (REV:PATH, read with git show).
    /// </summary>
    public static ExecutionGraph CompileRevisions(string runbookSpec, string inventorySpec, CompileOptions options)
    {
        var bag = new DiagnosticBag();
        var runbookText = RevisionSource.Read(runbookSpec, bag);
        var inventoryText = RevisionSource.Read(inventorySpec, bag);
        var runbook = runbookText is null ? null : RunbookReader.Read(SourceLoader.ParseYaml(runbookText, bag), bag);
        var inventory = inventoryText is null ? null : InventoryLoader.Load(inventoryText, bag);
        if (runbook is not null && (inventory is null || bag.HasErrors)) TemplateCatalog.Build(runbook, bag);
        ThrowIfErrors(bag);
        var graph = Compiler.Compile(runbook!, inventory!, options, bag);
        ThrowIfErrors(bag);
        return graph!;
    }

    private static void ThrowIfErrors(DiagnosticBag bag)
    {
        if (bag.HasErrors) throw new InvalidInputException(bag.ToSortedList());
    }

    private static bool IsYaml(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml" or ".json";
}
