using System.Text;
using Runbook.Templating;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// A runbook whose secrets (a string with a space and a quote, every element of a list, a number, a duration, and
/// values derived from them) appear in commands, env, output, stderr, a failing verify, a capture and a resumed run:
/// no plan (text, markdown, JSON), diff, run output, event or journal record holds them, raw or encoded.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SecretLeakTests(LabFixture lab)
{
    private const string Token = "Zq81 tok'3n";
    private const string Keys = "alpha-key-1,beta-key-2";

    private static readonly string[] Secrets =
    [
        Token,
        "ZQ81 TOK'3N-X",
        "alpha-key-1",
        "beta-key-2",
        "48213",
        "48214",
        "433s",
        "7m13s",
    ];

    private const string Runbook = """
        runbook: secrets
        params:
          token: { secret: true }
          keys: { type: list, secret: true }
          port: { type: int, secret: true }
          settle: { type: duration, secret: true }
          flag: { type: bool, secret: true, default: true }
        phases:
          - name: use
            hosts: role=worker
            steps:
              - name: print
                run: >-
                  echo {{ params.token }}; echo {{ params.token | upcase | append: '-x' }} >&2;
                  echo "k={{ params.keys | join: ',' }}"; echo '{{ params.token }}'; echo {{ params.port | plus: 1 }};
                  echo {{ params.keys | first }}; echo {{ params.port }}
                capture: out
              - name: env
                env: { TOKEN: "{{ params.token }}" }
                run: printf %s "$TOKEN" | base64; echo "$TOKEN" | base64; printf %s "$TOKEN" | od -An -tx1 | tr -d ' \n'
              - name: settle
                wait: "{{ params.settle }}"
              - name: captured
                run: printf '%s\n' {{ captures.out }}
              - name: fails
                verify:
                  run: echo {{ params.token }} {{ params.keys | last }}
                  expect: { stdout: nope }
                  every: 1s
                  within: 2s
        """;

    [Fact]
    public async Task No_output_of_plan_diff_run_events_or_journal_holds_a_secret_in_any_form()
    {
        using var run = new LabRun(lab, Runbook);
        var head = Path.Combine(run.Root, "head.yaml");
        File.WriteAllText(head, Runbook.Replace("name: fails", "name: fails now", StringComparison.Ordinal));
        string[] parameters =
        [
            "--param",
            "token=" + Token,
            "--param",
            "keys=" + Keys,
            "--param",
            "port=48213",
            "--param",
            "settle=433s",
        ];
        var shown = new List<(string What, string Text)>();
        foreach (var format in new[] { "text", "markdown", "json" })
        {
            var plan = await CliRunner.RunAsync(
                ["plan", run.RunbookPath, "-i", lab.InventoryPath, "--format", format, .. parameters],
                run.Environment
            );
            Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
            Assert.Contains("RB0063", plan.Stderr, StringComparison.Ordinal);
            shown.Add(($"plan --format {format}", plan.Stdout + plan.Stderr));
            var diff = await CliRunner.RunAsync(
                ["diff", run.RunbookPath, head, "-i", lab.InventoryPath, "--format", format, .. parameters],
                run.Environment
            );
            Assert.True(diff.ExitCode == 0, diff.Stdout + diff.Stderr);
            shown.Add(($"diff --format {format}", diff.Stdout + diff.Stderr));
        }

        // The plans show the 7m13s wait masked; the runs wait a second (too short a secret to mask: a warning).
        var quick = parameters.Select(p => p == "settle=433s" ? "settle=1s" : p).ToArray();
        var first = await run.RunAsync(quick);
        Assert.NotEqual(0, first.ExitCode);
        shown.Add(("run", first.Stdout + first.Stderr));
        var resumed = await run.RunAsync(["--resume", "last", .. quick]);
        Assert.NotEqual(0, resumed.ExitCode);
        shown.Add(("run --resume", resumed.Stdout + resumed.Stderr));
        shown.Add(("events", run.Events));
        shown.Add(("journal", run.Journal));
        Assert.Contains("\"captured\"", run.Events + run.Journal, StringComparison.Ordinal);

        var leaks = (
            from s in shown
            from secret in Secrets
            from form in Forms(secret)
            where Flattened(s.Text).Any(t => t.Contains(form, StringComparison.Ordinal))
            select $"{s.What}: {form}"
        )
            .Distinct()
            .ToList();
        Assert.True(
            leaks.Count == 0,
            string.Join("\n", leaks) + "\n\n" + string.Join("\n\n", shown.Select(s => s.Text))
        );
    }

    /// <summary>The secret and its simple encodings.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return new[]
        {
            secret,
            ShellQuote.Quote(secret),
            Convert.ToBase64String(bytes),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(secret + "\n")),
            Convert.ToHexStringLower(bytes),
            Convert.ToHexString(bytes),
            System.Text.Json.JsonSerializer.Serialize(secret)[1..^1],
        }.Distinct();
    }

    /// <summary>The text as it is, and with its line breaks (and the indentation after them) removed, so a secret
    /// split across lines is found too.</summary>
    private static IEnumerable<string> Flattened(string text) =>
        [
            text,
            text.Replace("\n", string.Empty, StringComparison.Ordinal),
            System.Text.RegularExpressions.Regex.Replace(text, @"\r?\n\s*", string.Empty),
            System.Text.RegularExpressions.Regex.Replace(text, @"\\n", string.Empty),
        ];
}
