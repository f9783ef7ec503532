using System.Reflection;
using System.Text.RegularExpressions;
using Runbook.Diagnostics;

namespace Runbook.Tests.Architecture;

/// <summary>
/// The code catalogue is a contract with users and CI scripts: each RBnnnn means one thing. Three branches merged in
/// one session picked the same free numbers (RB0010/RB1010, RB0018, RB0058), and RB0080 had said two things since an
/// earlier merge; this test is what catches the next collision.
/// </summary>
public sealed partial class CodeCatalogueTests
{
    private static IReadOnlyList<(string Field, DiagnosticCode Code)> Catalogue() =>
        [
            .. typeof(Codes)
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticCode))
                .Select(f => (f.Name, (DiagnosticCode)f.GetValue(null)!)),
        ];

    [Fact]
    public void Every_code_means_one_thing()
    {
        var shared = Catalogue()
            .GroupBy(c => c.Code.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Field))}")
            .ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void Every_code_is_RB_and_four_digits()
    {
        Assert.All(Catalogue(), c => Assert.Matches(CodeShape(), c.Code.Id));
        Assert.True(Catalogue().Count > 50, "the catalogue was not found by reflection");
    }

    [GeneratedRegex("^RB[0-9]{4}$")]
    private static partial Regex CodeShape();
}
