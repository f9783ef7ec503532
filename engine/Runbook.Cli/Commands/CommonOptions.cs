using System.CommandLine;
using Runbook.Errors;

namespace Runbook.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string> Inventory() =>
        new("--inventory", "-i")
        {
            Description = "Inventory file: native YAML, or an Ansible inventory (INI or YAML) as it is",
            Required = true,
        };

    /// <summary>-i for the commands that compile a plan: repeatable, each a file, a directory or a script.</summary>
    public static Option<string[]> Inventories() =>
        new("--inventory", "-i")
        {
            Description =
                "Inventory: native YAML, or an Ansible inventory as Ansible reads it (INI, YAML, a directory, an "
                + "executable script); repeat -i to merge several, as Ansible does",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

    public static Option<string?> Limit() =>
        new("--limit", "-l")
        {
            Description =
                "Only these hosts: a selector (role=etcd, var.zone=b) or an Ansible host pattern (web:&zone_a:!web3, "
                + "web[0:2], ~web\\d+)",
        };

    public static Option<string[]> Params() =>
        new("--param", "-p")
        {
            Description = "Set a runbook param: --param NAME=VALUE (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };

    public static Option<string> Format(params string[] formats) =>
        new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(", ", formats),
            DefaultValueFactory = _ => formats[0],
        }.AcceptOnlyFromAmong(formats);

    public static Dictionary<string, string> ParseParams(IEnumerable<string>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new UsageException($"--param '{value}' must look like NAME=VALUE");
            var name = value[..eq];
            if (!result.TryAdd(name, value[(eq + 1)..]))
                throw new UsageException($"--param {name} is given twice");
        }

        return result;
    }
}
