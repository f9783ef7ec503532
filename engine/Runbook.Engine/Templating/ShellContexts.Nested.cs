namespace Runbook.Templating;

/// <summary>Nested shells: which words of a command another shell reads as a script, and reading them again.</summary>
internal sealed partial class ShellContexts
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "sh",
        "bash",
        "dash",
        "zsh",
        "ksh",
        "ash",
        "mksh",
    };

    /// <summary>
    /// The words of one simple command that another shell reads as a script: their markers are placed again, as that
    /// shell reads the word's text, under the quoting they have here.
    /// </summary>
    private void ReadNestedScripts(List<string> words)
    {
        if (_depth >= MaxDepth)
            return;
        foreach (var index in NestedScriptWords(words))
        {
            var inner = Analyze(words[index], _depth + 1);
            foreach (var (marker, place) in inner)
            {
                if (!_places.TryGetValue(marker, out var outer) || outer.Unsupported is not null)
                    continue;
                _places[marker] = new ShellPlace(outer.Levels.AddRange(place.Levels), place.Unsupported);
            }
        }
    }

    /// <summary>Which words of a command are the script of a nested shell, by the commands that start one.</summary>
    internal static IEnumerable<int> NestedScriptWords(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var name = words[i][(words[i].LastIndexOf('/') + 1)..];
            if (Shells.Contains(name) || name is "su" or "runuser" or "flock")
            {
                // The first word after an option cluster holding 'c' (-c, -lc, -ec) is the script; later words are
                // its $0, $1, … and stay plain values.
                for (var j = i + 1; j < words.Count; j++)
                {
                    if (words[j] is "-c" or "--command" || (IsShortOptions(words[j]) && words[j].Contains('c')))
                    {
                        if (j + 1 < words.Count)
                            yield return j + 1;
                        yield break;
                    }

                    if (words[j] is "-o" or "+o" or "-O" or "+O")
                    {
                        j++;
                        continue;
                    }

                    if (!words[j].StartsWith('-') && !Shells.Contains(name))
                        continue;
                    if (!words[j].StartsWith('-') && !words[j].StartsWith('+'))
                        break;
                }
            }
            else if (name == "eval")
            {
                for (var j = i + 1; j < words.Count; j++)
                    yield return j;
                yield break;
            }
            else if (name == "watch")
            {
                for (var j = i + 1; j < words.Count; j++)
                {
                    if (words[j].StartsWith('-'))
                        j += words[j] is "-n" or "--interval" or "-d" ? 1 : 0;
                    else
                        yield return j;
                }

                yield break;
            }
            else if (name == "ssh")
            {
                // Options that take a value; the first other word is the destination, every word after it the
                // remote command, which the remote user's shell reads.
                var j = i + 1;
                while (j < words.Count && words[j].StartsWith('-'))
                    j += words[j].Length == 2 && "BbcDEeFIiJLlmOopQRSWw".Contains(words[j][1]) ? 2 : 1;
                for (j++; j < words.Count; j++)
                    yield return j;
                yield break;
            }
        }
    }

    private static bool IsShortOptions(string word) =>
        word.Length > 1 && word[0] == '-' && word[1] != '-' && word.Skip(1).All(char.IsAsciiLetter);
}
