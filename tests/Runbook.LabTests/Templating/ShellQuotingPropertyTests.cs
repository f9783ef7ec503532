using System.Diagnostics;
using System.Text;
using CsCheck;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Tests.Templating;

/// <summary>
/// Commands rendered with hostile values (quotes, $(), backquotes, ';', newlines, globs, unicode) in every shell place
/// a template can put them, run by a real bash and sh: the program gets exactly the value, as one argument, and
/// nothing else runs.
/// </summary>
public sealed class ShellQuotingPropertyTests : IDisposable
{
    // (template, expected argv from the value); P prints its arguments, each ended by a NUL.
    private static readonly (string Template, Func<string, string[]> Argv)[] Places =
    [
        ("P {{ vars.v }}", v => [v]),
        ("P pre{{ vars.v }}post", v => ["pre" + v + "post"]),
        ("P 'pre {{ vars.v }} post'", v => ["pre " + v + " post"]),
        ("P \"pre {{ vars.v }} post\"", v => ["pre " + v + " post"]),
        ("P {{ vars.v }} '{{ vars.v }}' \"{{ vars.v }}\"", v => [v, v, v]),
        ("P \"$(printf %s {{ vars.v }})\"", v => [v.TrimEnd('\n')]),
        ("P \"x$(printf %s \"{{ vars.v }}\")\"", v => ["x" + v.TrimEnd('\n')]),
        ("bash -c 'P {{ vars.v | shell_quote_nested }}'", v => [v]),
        ("bash -c 'P \"x{{ vars.v | shell_quote_nested }}\"'", v => ["x" + v]),
        ("sh -c \"P '{{ vars.v | shell_quote_nested }}' {{ vars.v | shell_quote_nested }}\"", v => [v, v]),
        ("bash -c 'P \"$1\"' _ {{ vars.v }}", v => [v]),
        ("sh -c 'bash -c \"P {{ vars.v | shell_quote_nested }}\"'", v => [v]),
    ];

    private static readonly Gen<string> Hostile = Gen.Select(
            Gen.OneOfConst(
                "",
                "$(touch pwned)",
                "`touch pwned`",
                "'; touch pwned; '",
                "\"; touch pwned; \"",
                "*",
                "\\"
            ),
            Gen.String[Gen.Char["'\"$()`;\n\t *?[]\\|&<>#~{}!=ab-é日\u202e%"], 0, 12],
            Gen.OneOfConst("", "'", "\"", "\\", "$", "\n"),
            (a, b, c) => a + b + c
        )
        .Where(v => v.Length > 0);

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-quoting-").FullName;

    public ShellQuotingPropertyTests()
    {
        var p = Path.Combine(_dir, "P");
        File.WriteAllText(p, "#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(p, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_place_passes_a_hostile_value_as_exactly_one_argument_in_bash_and_sh()
    {
        var compiled = Places
            .Select(p =>
            {
                var bag = new DiagnosticBag();
                var t = TemplateEngine.Parse(new TemplateText(p.Template, new SourceSpan("t.yaml", 1, 1)), bag)!;
                Assert.True(ShellPlaceChecks.Check(t, bag), p.Template + ": " + string.Join(", ", bag.ToSortedList()));
                return (t, p.Argv);
            })
            .ToList();
        var engine = new TemplateEngine();
        Hostile.Sample(
            value =>
            {
                var scope = new TemplateScope().Set(
                    "vars",
                    TemplateValues.Map("vars", new Dictionary<string, object?> { ["v"] = value })
                );
                foreach (var (template, argv) in compiled)
                {
                    var bag = new DiagnosticBag();
                    var command = engine.Render(template, scope, bag)!;
                    foreach (var shell in new[] { "/bin/bash", "/bin/sh" })
                    {
                        var got = Run(shell, command);
                        Assert.True(
                            argv(value).SequenceEqual(got),
                            $"{shell} -c {command}\nvalue: {Show(value)}\ngot: {string.Join(" | ", got.Select(Show))}"
                        );
                    }

                    Assert.False(File.Exists(Path.Combine(_dir, "pwned")), command);
                }
            },
            iter: 60,
            threads: 1
        );
    }

    private string[] Run(string shell, string command)
    {
        var start = new ProcessStartInfo(shell)
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["PATH"] = _dir + ":/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{shell} -c {command}\nexit {process.ExitCode}: {stderr.Result}");
        var text = stdout.Result;
        return text.Length == 0 ? [] : text[..^1].Split('\0');
    }

    private static string Show(string s) =>
        string.Concat(s.Select(c => c is < ' ' or '\u202e' ? $"\\u{(int)c:x4}" : c.ToString()));
}
