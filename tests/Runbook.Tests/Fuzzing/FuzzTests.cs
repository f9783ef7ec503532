using System.Globalization;
using Runbook.Tests.Support;
using Xunit.Abstractions;

namespace Runbook.Tests.Fuzzing;

/// <summary>
/// A bounded fuzz run in every test run: 10,000 inputs, the floor the hardening issue set (1,500 until the
/// 2026-11-30 session; 10,000 found a decimal overflow 1,500 had missed). RUNBOOK_FUZZ_INPUTS and RUNBOOK_FUZZ_SEED
/// run it longer or elsewhere:
/// <c>RUNBOOK_FUZZ_INPUTS=100000 RUNBOOK_FUZZ_SEED=7 dotnet test tests/Runbook.Tests --filter FuzzTests</c>.
/// A finding prints the input; keep it as a case file under Validation/Cases with its expected diagnostic.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generated_runbooks_and_inventories_never_crash_hang_or_blow_up_memory()
    {
        var inputs = Setting("RUNBOOK_FUZZ_INPUTS", 10_000);
        var seed = Setting("RUNBOOK_FUZZ_SEED", 20261129);
        var report = await new FuzzRunner(_dir).RunAsync(inputs, seed);
        output.WriteLine(FuzzRunner.Describe(report));
        FuzzRunner.Save(report, Path.Combine(RepoRoot.Path, "tests", "TestResults", "fuzz-findings"));
        foreach (var f in report.Findings.Take(5))
        {
            output.WriteLine(
                $"--- input {f.Input} ({f.Kind}): {f.Problem}\n--- runbook:\n{f.RunbookText}\n--- "
                    + $"{f.InventoryName}:\n{f.InventoryText}"
            );
        }

        Assert.True(
            report.Findings.Count == 0,
            FuzzRunner.Describe(report)
                + "\n"
                + string.Join("\n", report.Findings.Select(f => $"#{f.Input}: {f.Problem}").Distinct().Take(20))
        );
        Assert.True(
            report.Rejected > inputs / 10,
            "the mutations should produce invalid inputs: " + FuzzRunner.Describe(report)
        );
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(
            Environment.GetEnvironmentVariable(name),
            NumberStyles.Integer,
            CultureInfo.InvariantCulture,
            out var v
        )
            ? v
            : fallback;
}
