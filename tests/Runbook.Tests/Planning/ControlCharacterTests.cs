using Runbook.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>Data reaches terminals and plans as visible escapes, never as control codes.</summary>
public sealed class ControlCharacterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-ctl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("plain text\n\twith layout", "plain text\n\twith layout")]
    [InlineData("clear\u001b[2Jscreen", "clear\\x1b[2Jscreen")]
    [InlineData("bell\u0007 del\u007f csi\u009b", "bell\\x07 del\\x7f csi\\x9b")]
    [InlineData("rm -rf /\u202e# gnp.txt", "rm -rf /\\u202e# gnp.txt")]
    [InlineData("\u2066isolate\u2069 \u200fmark", "\\u2066isolate\\u2069 \\u200fmark")]
    public void Control_and_bidi_characters_are_shown_as_escapes(string text, string shown) =>
        Assert.Equal(shown, VisibleText.Escape(text));

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    public async Task A_plan_shows_escapes_from_inventory_and_runbook_data(string format)
    {
        var inventory = Write(
            "inv.yaml",
            "inventory: i\nhosts:\n  \"web\\e[31m1\": { address: 10.0.0.1, roles: [a] }\n"
        );
        var runbook = Write(
            "rb.yaml",
            "runbook: r\nphases:\n  - name: \"p\\u202e\"\n    hosts: role=a\n    steps:\n      - name: s\n        "
                + "run: echo \"{{ host.name | raw }}\"\n"
        );
        var plan = await CliRunner.RunAsync("plan", runbook, "-i", inventory, "--format", format);

        Assert.Equal(0, plan.ExitCode);
        Assert.DoesNotContain('\u001b', plan.Stdout);
        Assert.DoesNotContain('\u202e', plan.Stdout);
        Assert.Contains("web\\x1b[31m1", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("p\\u202e", plan.Stdout, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
