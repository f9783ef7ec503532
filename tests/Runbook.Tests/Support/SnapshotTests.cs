using Xunit.Sdk;

namespace Runbook.Tests.Support;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runbook-snapshot-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    private string SnapshotFile(string relative) => Path.Combine(_root, relative);

    [Fact]
    public void Matching_text_passes_regardless_of_line_endings()
    {
        File.WriteAllText(SnapshotFile("plan.txt"), "phase one\nphase two\n");

        Snapshot.Match("phase one\r\nphase two", "plan.txt", _root, Env());
    }

    [Fact]
    public void Mismatch_fails_with_a_unified_diff_naming_the_changed_line_and_the_accept_variable()
    {
        File.WriteAllText(SnapshotFile("plan.txt"), "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");

        var error = Assert.Throws<XunitException>(() =>
            Snapshot.Match(
                "line 1\nline 2\nline 3\nline 4\nLINE FIVE\nline 6\nline 7\nline 8\n",
                "plan.txt",
                _root,
                Env()
            )
        );

        var lines = error.Message.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("-line 5", lines);
        Assert.Contains("+LINE FIVE", lines);
        Assert.Contains(" line 4", lines);
        Assert.Contains(" line 6", lines);
        Assert.DoesNotContain(" line 1", lines);
        Assert.Contains(lines, l => l.StartsWith("@@ ", StringComparison.Ordinal));
        Assert.Contains(Snapshot.AcceptVariable, error.Message, StringComparison.Ordinal);
        Assert.Equal(
            "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n",
            File.ReadAllText(SnapshotFile("plan.txt"))
        );
    }

    [Fact]
    public void Missing_snapshot_fails_under_CI_and_says_how_to_create_it()
    {
        var error = Assert.Throws<XunitException>(() =>
            Snapshot.Match("output\n", "Snapshots/new.txt", _root, Env(("CI", "true")))
        );

        Assert.Contains("Snapshots/new.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains(Snapshot.AcceptVariable, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotFile("Snapshots/new.txt")));
    }

    [Fact]
    public void Missing_snapshot_outside_CI_is_written_and_passes()
    {
        Snapshot.Match("output\r\nmore", "Snapshots/new.txt", _root, Env());

        Assert.Equal("output\nmore\n", File.ReadAllText(SnapshotFile("Snapshots/new.txt")));
    }

    [Fact]
    public void Accept_variable_overwrites_a_different_snapshot_and_passes_even_under_CI()
    {
        File.WriteAllText(SnapshotFile("plan.txt"), "old\n");

        Snapshot.Match("new\n", "plan.txt", _root, Env((Snapshot.AcceptVariable, "1"), ("CI", "true")));

        Assert.Equal("new\n", File.ReadAllText(SnapshotFile("plan.txt")));
    }

    [Fact]
    public void Default_root_is_the_test_project_source_directory()
    {
        var path = Path.Combine("Support", "Snapshots", "default-root.txt");

        Snapshot.Match("written beside the tests\n", path);

        var projectDir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(projectDir.FullName, "Runbook.Tests.csproj")))
        {
            projectDir = projectDir.Parent!;
        }

        Assert.True(File.Exists(Path.Combine(projectDir.FullName, path)));
    }
}
