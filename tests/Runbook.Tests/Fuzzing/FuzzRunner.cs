using System.Text;
using Runbook.Tests.Support;

namespace Runbook.Tests.Fuzzing;

/// <summary>
/// Runs generated inputs through the real CLI in-process (`validate RUNBOOK -i INVENTORY`, which reads, checks and
/// compiles both, and `plan`), one at a time, and reports every input that ends in an internal error (exit 70), a
/// stack trace, a hang or more allocation than a rejected input may cost. Seeds are the shipped runbooks and
/// inventories and the case files, so mutations start from everything the language has.
/// </summary>
internal sealed class FuzzRunner(string workDirectory)
{
    /// <summary>A rejected input may allocate at most this much: the bound on peak memory.</summary>
    public const long AllocationLimit = 256L * 1024 * 1024;

    /// <summary>Generous for one validate of a small file on a loaded 2-core machine (typical: a few ms).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    public sealed record Finding(
        int Input,
        string Kind,
        string Problem,
        string RunbookText,
        string InventoryText,
        string InventoryName
    );

    public sealed record Report(
        int Inputs,
        int Rejected,
        int Accepted,
        IReadOnlyList<Finding> Findings,
        long MostAllocated
    );

    public async Task<Report> RunAsync(int inputs, int seed)
    {
        // Two picks in three from the shipped files, which are valid: mutations of them reach the compiler and the
        // safety rules; the case files (mostly broken on purpose) bring the rest of the language.
        var shippedRunbooks = Seeds("runbooks", "*.yaml").ToList();
        var runbookCases = Seeds("tests/Runbook.Tests/Validation/Cases", "*.yaml")
            .Concat(Seeds("tests/Runbook.Tests/Safety/Cases", "*.yaml"))
            .ToList();
        var shippedInventories = Seeds("inventories", "*.*").ToList();
        // The host bound's own cases read 100,000 hosts (or a million names) before their error, about 250 MiB of
        // allocations by design: as seeds, their mutations would all cross the limit above.
        var inventoryCases = Seeds("tests/Runbook.Tests/Inventories/Cases", "*", skip: "error-too-many-").ToList();
        var mutator = new Mutator(seed);
        var pick = new Random(seed);
        var findings = new List<Finding>();
        var (rejected, accepted, most, ran) = (0, 0, 0L, 0);
        for (var i = 0; i < inputs; i++, ran++)
        {
            var (runbook, _) = Pick(pick, shippedRunbooks, runbookCases);
            var (inventory, inventoryName) = Pick(pick, shippedInventories, inventoryCases);
            if (pick.Next(3) == 0)
                inventory = mutator.Mutate(inventory);
            else
                runbook = mutator.Mutate(runbook);
            var command = pick.Next(4) == 0 ? "plan" : "validate";
            var (exit, problem, allocated) = await OneAsync(command, runbook, inventory, inventoryName);
            most = Math.Max(most, allocated);
            if (problem is not null)
                findings.Add(new Finding(i, command, problem, runbook, inventory, inventoryName));
            if (exit == 0)
                accepted++;
            else
                rejected++;
            if (problem?.StartsWith("hang", StringComparison.Ordinal) == true)
            {
                ran++;
                break; // the runaway call still runs: nothing after it would be measured fairly
            }
        }

        return new Report(ran, rejected, accepted, findings, most);
    }

    private static (string Text, string Name) Pick(
        Random pick,
        List<(string, string)> shipped,
        List<(string, string)> cases
    ) => pick.Next(3) < 2 ? shipped[pick.Next(shipped.Count)] : cases[pick.Next(cases.Count)];

    private async Task<(int Exit, string? Problem, long Allocated)> OneAsync(
        string command,
        string runbook,
        string inventory,
        string inventoryName
    )
    {
        var runbookPath = Path.Combine(workDirectory, "fuzz.yaml");
        var inventoryPath = Path.Combine(workDirectory, inventoryName);
        await File.WriteAllTextAsync(runbookPath, runbook, new UTF8Encoding(false));
        await File.WriteAllTextAsync(inventoryPath, inventory, new UTF8Encoding(false));
        var before = GC.GetTotalAllocatedBytes(precise: false);
        var call = Task.Run(() => CliRunner.RunAsync(command, runbookPath, "-i", inventoryPath));
        var finished = await Task.WhenAny(call, Task.Delay(HangLimit));
        if (finished != call)
            return (-1, $"hang: {command} did not finish within {HangLimit.TotalSeconds} s", 0);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        var result = await call;
        string? problem = null;
        if (result.ExitCode is not (0 or 2))
            problem = $"exit {result.ExitCode}: {Tail(result.Stderr)}";
        else if (result.Stderr.Contains("   at ", StringComparison.Ordinal))
            problem = "stack trace: " + Tail(result.Stderr);
        else if (allocated > AllocationLimit)
            problem = $"allocated {allocated / (1024 * 1024)} MiB";
        return (result.ExitCode, problem, allocated);
    }

    private static string Tail(string text) => text.Length <= 400 ? text : text[^400..];

    private static IEnumerable<(string Text, string Name)> Seeds(string folder, string pattern, string? skip = null)
    {
        var dir = Path.Combine(RepoRoot.Path, folder);
        return Directory
            .EnumerateFiles(dir, pattern)
            .Where(f => !f.EndsWith(".txt", StringComparison.Ordinal))
            .Where(f => skip is null || !Path.GetFileName(f).StartsWith(skip, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllText(f), SeedName(f)));
    }

    /// <summary>Inventory files keep their extension (the format is detected from it and the text).</summary>
    private static string SeedName(string path) =>
        Path.GetExtension(path) is { Length: > 0 } ext ? "inventory" + ext : "inventory";

    /// <summary>Writes each finding's files under <paramref name="directory"/>/N/, to replay with the CLI.</summary>
    public static void Save(Report report, string directory)
    {
        foreach (var f in report.Findings)
        {
            var dir = Directory
                .CreateDirectory(
                    Path.Combine(directory, f.Input.ToString(System.Globalization.CultureInfo.InvariantCulture))
                )
                .FullName;
            File.WriteAllText(Path.Combine(dir, "runbook.yaml"), f.RunbookText);
            File.WriteAllText(Path.Combine(dir, f.InventoryName), f.InventoryText);
            File.WriteAllText(Path.Combine(dir, "problem.txt"), $"{f.Kind}: {f.Problem}\n");
        }
    }

    public static string Describe(Report report) =>
        $"{report.Inputs} inputs ({report.Rejected} rejected, {report.Accepted} accepted), {report.Findings.Count} "
        + $"findings, "
        + $"most allocated by one input {report.MostAllocated / (1024 * 1024)} MiB";
}
