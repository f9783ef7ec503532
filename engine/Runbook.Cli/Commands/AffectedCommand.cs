using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Compilation;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook affected BASE_REV HEAD_REV [-i INVENTORY…]</c>: the runbook × inventory pairs whose plan changed
/// between two git revisions, one per line as RUNBOOK, INVENTORY and added|changed|removed separated by tabs
/// (nothing else on stdout, so a workflow loops over it), or as JSON. Runbooks left out go to stderr as warnings.
/// Exit 0; 2 invalid.
/// </summary>
internal static class AffectedCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext cli)
    {
        var before = new Argument<string>("base") { Description = "The git revision before the change (origin/main)" };
        var after = new Argument<string>("head") { Description = "The git revision after the change (HEAD)" };
        var inventory = new Option<string[]>("--inventory", "-i")
        {
            Description =
                "An inventory file, by its path in the repository (repeatable); default: every .yaml, .yml and .ini "
                + "file directly under inventories/ that the runbook compiles against",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = CommonOptions.Format("text", "json");
        var command = new Command(
            "affected",
            "List each runbook × inventory whose compiled plan changed between two git revisions: "
                + "RUNBOOK<TAB>INVENTORY<TAB>added|changed|removed"
        )
        {
            before,
            after,
            inventory,
            format,
        };
        command.SetAction(
            async (parsed, _) =>
            {
                var options = new CompileOptions(new Dictionary<string, string>(), cli.Environment);
                var result = RunbookEngine.Affected(
                    parsed.GetValue(before)!,
                    parsed.GetValue(after)!,
                    parsed.GetValue(inventory) ?? [],
                    options
                );
                if (result.Warnings.Count > 0)
                    await DiagnosticPrinter.PrintAsync(cli.Error, result.Warnings, "text");
                if (parsed.GetValue(format) == "json")
                {
                    var items = result.Plans.Select(p => new Dictionary<string, object?>
                    {
                        ["runbook"] = p.Runbook,
                        ["inventory"] = p.Inventory,
                        ["status"] = Name(p.Status),
                        ["base_runbook"] = p.BaseRunbook,
                        ["base_plan_hash"] = p.BasePlanHash,
                        ["plan_hash"] = p.HeadPlanHash,
                    });
                    await cli.Out.WriteLineAsync(JsonSerializer.Serialize(items, Json));
                    return ExitCodes.Success;
                }

                foreach (var p in result.Plans)
                    await cli.Out.WriteAsync($"{p.Runbook}\t{p.Inventory}\t{Name(p.Status)}\n");
                return ExitCodes.Success;
            }
        );
        return command;
    }

    private static string Name(AffectedStatus status) => status.ToString().ToLowerInvariant();
}
