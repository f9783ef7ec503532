using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// Runs the real Ansible (ansible-core, installed by tests/run) in an empty scratch directory, so that no ansible.cfg,
/// group_vars/ or ~/.ansible of the machine takes part.
/// </summary>
internal static class AnsibleOracle
{
    private static readonly Lazy<bool> Installed = new(() => Which("ansible-inventory") is not null);

    public static bool IsInstalled => Installed.Value;

    /// <summary>What <c>ansible-inventory -i S1 -i S2 ... --list</c> prints.</summary>
    public static JsonObject List(IReadOnlyList<string> sources)
    {
        var output = Run("ansible-inventory", [.. Inventories(sources), "--list"]);
        return JsonNode.Parse(SanitiseJson(output))!.AsObject();
    }

    /// <summary>
    /// Each host's vars as Ansible renders them: <c>ansible all -m debug -a var=hostvars[inventory_hostname]</c>.
    /// </summary>
    public static Dictionary<string, JsonObject> Rendered(IReadOnlyList<string> sources)
    {
        const string Var = "hostvars[inventory_hostname]";
        var output = Run("ansible", ["all", .. Inventories(sources), "-m", "debug", "-a", "var=" + Var, "-o"]);
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var marker = line.IndexOf(" | SUCCESS => ", StringComparison.Ordinal);
            if (marker < 0)
                continue;
            var json = JsonNode.Parse(SanitiseJson(line[(marker + " | SUCCESS => ".Length)..]))!;
            if (json[Var] is JsonObject vars)
                result[line[..marker]] = vars;
        }

        return result;
    }

    /// <summary>What <c>ansible-inventory -i S1 -i S2 ... --graph</c> prints.</summary>
    public static string Graph(IReadOnlyList<string> sources) =>
        Run("ansible-inventory", [.. Inventories(sources), "--graph"]);

    /// <summary>Host names <c>ansible -i ... PATTERN --list-hosts</c> selects, in Ansible's order.</summary>
    public static List<string> ListHosts(IReadOnlyList<string> sources, string pattern)
    {
        var output = Run("ansible", [pattern, .. Inventories(sources), "--list-hosts"], allowFailure: true);
        return output
            .Split('\n')
            .SkipWhile(l => !l.TrimStart().StartsWith("hosts (", StringComparison.Ordinal))
            .Skip(1)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();
    }

    private static IEnumerable<string> Inventories(IReadOnlyList<string> sources) =>
        sources.SelectMany(s => new[] { "-i", s });

    /// <summary>Python's json writes Infinity and NaN, which JSON does not have.</summary>
    private static string SanitiseJson(string text) =>
        text.Replace(": Infinity", ": \"Infinity\"", StringComparison.Ordinal)
            .Replace(": NaN", ": \"NaN\"", StringComparison.Ordinal);

    private static string Run(string program, IEnumerable<string> args, bool allowFailure = false)
    {
        var scratch = Directory.CreateTempSubdirectory("runbook-oracle-");
        try
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = scratch.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            start.Environment["HOME"] = scratch.FullName;
            start.Environment["ANSIBLE_CONFIG"] = Path.Combine(scratch.FullName, "none.cfg");
            start.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(scratch.FullName, "tmp");
            start.Environment["ANSIBLE_NOCOLOR"] = "1";
            start.Environment["ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish within 2 minutes");
            }

            if (process.ExitCode != 0 && !allowFailure)
            {
                var command = $"{program} {string.Join(' ', args)}";
                throw new InvalidOperationException($"{command} exited {process.ExitCode}:\n{stderr.Result}");
            }

            return stdout;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
