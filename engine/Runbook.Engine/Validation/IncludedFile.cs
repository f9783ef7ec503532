using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Selectors;

namespace Runbook.Validation;

/// <summary>
/// <c>runbook validate</c> of a file made to be included (no 'runbook' key, a 'steps' or 'gates' list, no inventory
/// key): checked as an include would read it (keys, params, steps or gates, nested includes, templates against its
/// own params), except that nothing is bound, so a param without a default is not an error here.
/// </summary>
internal static class IncludedFile
{
    private static readonly string[] InventoryKeys = ["hosts", "inventory", "defaults", "known_hosts", "ssh_config"];

    public static bool Is(MappingSyntax map) =>
        map["runbook"] is null
        && (map["steps"] is not null || map["gates"] is not null)
        && InventoryKeys.All(k => map[k] is null);

    public static void Validate(SourceDocument document, MappingSyntax file, DiagnosticBag diagnostics)
    {
        var (_, list, items, reader) = IncludeReader.ReadFile(document, file, diagnostics);
        if (items is null)
            return;
        var where = $"included file '{document.Path}'";
        var steps = list == "steps" ? StepReader.ReadList(reader, items, where) : [];
        var gates = list == "gates" ? GateReader.ReadList(reader, items, where) : [];

        // The template checks take a runbook: one phase holding the file's list stands in for every includer.
        var phase = new PhaseDefinition(
            "included",
            null,
            EveryHostSelector.Instance,
            file.Span,
            SerialSpec.All,
            0,
            null,
            true,
            steps,
            gates,
            file.Span
        );
        var runbook = new RunbookDefinition("included", null, [], [], [phase], document.Source)
        {
            Includes = reader.Include!.Files.Origins,
        };
        TemplateCatalog.Build(runbook, diagnostics);
    }
}
