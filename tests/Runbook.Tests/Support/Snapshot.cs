using System.Runtime.CompilerServices;
using DiffPlex;
using DiffPlex.Renderer;
using Xunit.Sdk;

namespace Runbook.Tests.Support;

/// <summary>
/// Compares text produced by a test with a snapshot file committed beside the tests.
/// </summary>
/// <remarks>
/// <para>Snapshot files are plain UTF-8 text with <c>\n</c> line endings. Both sides are normalised
/// before comparing: <c>\r\n</c> and lone <c>\r</c> become <c>\n</c>, and a non-empty text gets a
/// final newline if it lacks one (editors and the repository's .editorconfig add one, so a
/// snapshot must not depend on it).</para>
/// <para>Outcomes, in order of precedence:</para>
/// <list type="number">
/// <item><c>RUNBOOK_ACCEPT_SNAPSHOTS=1</c>: the actual text is written over the snapshot and the
/// test passes. An explicit request wins even under CI.</item>
/// <item>Snapshot missing and <c>CI=true</c>: the test fails, saying how to create it. CI must never
/// pass on a snapshot nobody reviewed.</item>
/// <item>Snapshot missing otherwise: it is written and the test passes. Chosen over "fail once" so a
/// new test is green on the first local run; the new file shows up in <c>git status</c> and is
/// reviewed with the change like any other file, and CI fails if it was not committed.</item>
/// <item>Snapshot present: the test passes when the texts are equal, and fails with a unified diff
/// (<c>-</c> snapshot, <c>+</c> actual) otherwise.</item>
/// </list>
/// </remarks>
internal static partial class Snapshot
{
    /// <summary>Set to <c>1</c> (or <c>true</c>) to overwrite snapshots with the actual output.</summary>
    public const string AcceptVariable = "RUNBOOK_ACCEPT_SNAPSHOTS";

    /// <summary>Set to <c>true</c> (or <c>1</c>) by CI systems; missing snapshots then fail.</summary>
    public const string CiVariable = "CI";

    private const int ContextLines = 3;

    private static readonly Lazy<string> TestProjectDirectory = new(LocateTestProjectDirectory);

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the snapshot at <paramref name="snapshotPath"/>,
    /// a path relative to the test project's source directory (the folder holding Runbook.Tests.csproj),
    /// e.g. <c>"Plan/Snapshots/two-phases.txt"</c>.
    /// </summary>
    public static void Match(string actual, string snapshotPath) =>
        Match(actual, snapshotPath, TestProjectDirectory.Value, Environment.GetEnvironmentVariable);

    /// <summary>
    /// As <see cref="Match(string, string)"/>, with the root directory and the environment injected
    /// so the helper itself can be tested.
    /// </summary>
    public static void Match(
        string actual,
        string snapshotPath,
        string rootDirectory,
        Func<string, string?> environment
    )
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrEmpty(snapshotPath);
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        if (Path.IsPathRooted(snapshotPath))
        {
            throw new ArgumentException(
                "The snapshot path must be relative to the test project directory.",
                nameof(snapshotPath)
            );
        }

        var fullPath = Path.GetFullPath(Path.Combine(rootDirectory, snapshotPath));
        var normalisedActual = Normalise(actual);

        if (IsSet(environment(AcceptVariable)))
        {
            Write(fullPath, normalisedActual);
            return;
        }

        if (!File.Exists(fullPath))
        {
            if (IsSet(environment(CiVariable)))
            {
                throw new XunitException(
                    $"Snapshot {snapshotPath} does not exist (looked for {fullPath}).{Environment.NewLine}"
                        + $"CI does not create snapshots. Run the test locally (without CI=true), or with "
                        + $"{AcceptVariable}=1, "
                        + "review the file it writes and commit it."
                );
            }

            Write(fullPath, normalisedActual);
            return;
        }

        var expected = Normalise(File.ReadAllText(fullPath));
        if (string.Equals(expected, normalisedActual, StringComparison.Ordinal))
        {
            return;
        }

        // Both texts end with "\n" (see Normalise); without removing it the diff shows a spurious
        // empty context line at the end.
        var diff = new UnidiffRenderer(new Differ(), ContextLines).Generate(
            WithoutFinalNewline(expected),
            WithoutFinalNewline(normalisedActual),
            $"{snapshotPath} (snapshot)",
            $"{snapshotPath} (actual)",
            ignoreWhitespace: false,
            ignoreCase: false
        );

        throw new XunitException(
            $"Snapshot {snapshotPath} does not match (- snapshot, + actual):{Environment.NewLine}"
                + $"{diff.TrimEnd('\n')}{Environment.NewLine}"
                + $"If the new output is right, rerun with {AcceptVariable}=1 and commit the updated snapshot."
        );
    }

    internal static string Normalise(string text)
    {
        var unix = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        unix = PlanHashes().Replace(unix, PlanHashPlaceholder);
        return unix.Length == 0 || unix.EndsWith('\n') ? unix : unix + "\n";
    }

    /// <summary>What a plan hash reads as in a snapshot.</summary>
    public const string PlanHashPlaceholder = "sha256:PLAN-HASH";

    // A plan hash covers every input byte (a comment in a shipped runbook or inventory, the JSON plan's shape), so
    // a snapshot holding one would break whenever any branch touched an input, and accepting snapshots wholesale after
    // a merge would hide real changes. Snapshots hold a placeholder on the plan-hash lines instead; the hash itself is
    // tested by Planning/PlanHashTests (stable, checkout-independent, changes with each input).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=(?i:plan[ _]hash)[^\n]*)sha256:[0-9a-f]{64}")]
    private static partial System.Text.RegularExpressions.Regex PlanHashes();

    private static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static bool IsSet(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    private static void Write(string fullPath, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// The test project's source directory: walk up from the test binaries (bin/&lt;config&gt;/&lt;tfm&gt;/)
    /// to the folder holding Runbook.Tests.csproj; if the binaries live elsewhere (custom output
    /// path), fall back to this file's compile-time location.
    /// </summary>
    private static string LocateTestProjectDirectory()
    {
        const string projectFile = "Runbook.Tests.csproj";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, projectFile)))
            {
                return dir.FullName;
            }
        }

        var fromSource = Path.GetDirectoryName(Path.GetDirectoryName(SourceFilePath()));
        if (fromSource is not null && File.Exists(Path.Combine(fromSource, projectFile)))
        {
            return fromSource;
        }

        throw new InvalidOperationException(
            $"Cannot find {projectFile} above {AppContext.BaseDirectory} nor beside {SourceFilePath()}."
        );
    }

    private static string SourceFilePath([CallerFilePath] string path = "") => path;
}
