using System.Text;

namespace Runbook.Tests.Fuzzing;

/// <summary>
/// Deterministic mutations of runbook and inventory text: byte flips, truncation, structural tokens (YAML, Liquid,
/// selectors, INI ranges), line duplication and deletion, deep nesting, alias bombs, BOMs and multi-document
/// markers. The same seed gives the same inputs, so every finding can be replayed and kept as a case file.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{{ x }}",
        "{{ host.vars.nope }}",
        "{{ params.x | nope }}",
        "{{ 1 | divided_by: 0 }}",
        "{{ 5 | modulo: 0 }}",
        "{% include 'x' %}",
        "{% render 'x' %}",
        "{% for i in (1..100000000) %}x{% endfor %}",
        "{{ 'x' | append: params.token | upcase }}",
        "{% if %}",
        "{{ captures. }}",
        "{{ host | raw }}",
        "*a",
        "&a ",
        "<<: *a",
        "- ",
        ": ",
        "[",
        "]",
        "{",
        "}",
        "|",
        ">",
        "---\n",
        "...\n",
        "\uFEFF",
        "\t",
        "\0",
        "\u202E",
        "\x1b[2J",
        "'",
        "\"",
        "\\",
        "#",
        "!!binary ",
        "!tag ",
        "? ",
        "%YAML 1.1\n",
        "role=",
        "role!=etcd",
        "any(",
        "all(",
        "any(role=etcd)",
        "all()",
        "!",
        ",",
        "*",
        "name=~",
        "label.x=",
        "[a:z]",
        "[0:99999999999]",
        "[1:9223372036854775807]",
        "[9223372036854775806:9223372036854775807]",
        "[01:99999]",
        "[a:z][a:z][a:z]",
        "[0:9][0:9][0:9][0:9][0:9]",
        "=",
        "[all:vars]\n",
        "[x:children]\n",
        "ansible_port=99999",
        "ansible_host=",
        "-1",
        "0",
        "99999999999999999999",
        "1e308",
        "NaN",
        "Infinity",
        ".inf",
        "-1e400",
        "0x10",
        "0o17",
        "10%",
        "0%",
        "101%",
        "1ms",
        "0s",
        "99999h",
        "-5s",
        "serial: 0",
        "serial: \"{{ params.n }}\"",
    ];

    private readonly Random _random = new(seed);

    public string Mutate(string text)
    {
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds; i++)
            text = Once(text);
        return text;
    }

    private string Once(string text)
    {
        var at = text.Length == 0 ? 0 : _random.Next(text.Length + 1);
        switch (_random.Next(11))
        {
            case 0:
                if (text.Length == 0)
                    return text;
                var flipped = (char)(_random.Next(2) == 0 ? _random.Next(0x20, 0x7f) : _random.Next(0, 0x20));
                return text[..Math.Min(at, text.Length - 1)] + flipped + text[(Math.Min(at, text.Length - 1) + 1)..];
            case 1:
                return text[..at];
            case 2:
            case 3:
            case 4:
                return text[..at] + Tokens[_random.Next(Tokens.Length)] + text[at..];
            case 5:
                return EditLines(text, (lines, i) => lines.Insert(i, lines[i]));
            case 6:
                return EditLines(text, (lines, i) => lines.RemoveAt(i));
            case 7:
                return EditLines(text, (lines, i) => (lines[i], lines[0]) = (lines[0], lines[i]));
            case 8:
                var depth = 1 + _random.Next(200);
                return text[..at] + new string('[', depth) + "x" + new string(']', depth) + text[at..];
            case 9:
                return AliasBomb() + text;
            default:
                return _random.Next(2) == 0 ? "\uFEFF" + text : text + "\n---\n" + text;
        }
    }

    private string EditLines(string text, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0)
            return text;
        edit(lines, _random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    /// <summary>Nine levels of ten aliases each: 10^9 nodes if expanded, under 500 bytes as written.</summary>
    private string AliasBomb()
    {
        var key = _random.Next(2) == 0 ? "vars" : "bomb";
        var sb = new StringBuilder($"{key}:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            sb.Append($"  a{i}: &a{i} [");
            sb.Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)));
            sb.Append("]\n");
        }

        return sb.ToString();
    }
}
