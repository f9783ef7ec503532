using System.Diagnostics;
using Xunit.Sdk;

namespace Runbook.Tests.Support;

/// <summary>
/// Runs a real client of runbook's output (cmark-gfm, node with yaml-language-server or Ajv) and returns what it
/// printed. The oracle tests compare runbook with these programs instead of with our idea of them; tests/run installs
/// them (Debian packages, and `npm ci` in tests/tools), and a missing one fails the test saying so.
/// </summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>A script in tests/tools, run by node from the repository root, with its npm packages.</summary>
    public static ToolResult Node(string script, params string[] args)
    {
        var tools = Path.Combine(RepoRoot.Path, "tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules")))
        {
            throw new XunitException($"{tools}/node_modules is missing: tests/run installs it (npm ci)");
        }

        return Run("node", [Path.Combine(tools, script), .. args]);
    }

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="directory"/> (default: the repository root).
    /// </summary>
    public static ToolResult Run(
        string program,
        IReadOnlyList<string> args,
        string? stdin = null,
        string? directory = null
    )
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory ?? RepoRoot.Path,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = stdin is null ? null : new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new XunitException($"cannot start {program} ({e.Message}): tests/run installs it");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new XunitException($"{program} {string.Join(' ', args)} ran longer than {Timeout}");
            }

            return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);
