using System.Text.RegularExpressions;

namespace Runbook.Safety;

/// <summary>
/// Whether a rendered shell command takes its host (or a component of it) down for a while, by what it says: a
/// systemd stop, restart, kill or reboot (<see cref="UnitAction"/>); a static-pod manifest moved or removed out of
/// kubelet's manifest directory (kubeadm's /etc/kubernetes/manifests, RKE2's
/// /var/lib/rancher/rke2/agent/pod-manifests);
/// <c>crictl stop|stopp|rm|rmp</c>; <c>kill</c>, <c>pkill</c> or <c>killall</c> of a known cluster daemon; the
/// kubeadm and RKE2 commands that restart or reset components (<c>kubeadm upgrade apply|node</c>, <c>kubeadm
/// reset</c>, <c>kubeadm init phase control-plane|etcd</c>, <c>rke2 certificate rotate</c>, <c>rke2 server
/// --cluster-reset</c>, the killall and uninstall scripts). Text, not a shell parser: a recognised command in a
/// comment or an echo counts too, which errs on the side of a warning.
/// </summary>
internal static partial class DisruptiveCommand
{
    /// <summary>The daemons whose kill takes a cluster member down.</summary>
    internal static readonly string[] Daemons =
    [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
        "kubelet",
        "kube-proxy",
        "kube-vip",
        "containerd",
        "dockerd",
        "crio",
        "rke2",
        "rke2-server",
        "rke2-agent",
        "k3s",
        "k3s-server",
        "k3s-agent",
    ];

    /// <summary>kubelet's static-pod directories: a manifest leaving one stops its pod.</summary>
    internal static readonly string[] ManifestDirs =
    [
        "/etc/kubernetes/manifests",
        "/var/lib/rancher/rke2/agent/pod-manifests",
    ];

    /// <summary>What the command does that takes its host down, in words; null when nothing.</summary>
    public static string? Why(string? command)
    {
        if (string.IsNullOrEmpty(command))
            return null;
        if (UnitAction.In(command).FirstOrDefault(a => a.Disrupts) is { } unit)
            return unit.Unit == "host" ? "reboots the host" : $"{unit.Verb}s {unit.Unit}";
        foreach (var simple in SimpleCommands(command))
        {
            if (ManifestMoved(simple) is { } dir)
                return $"moves static-pod manifests out of {dir}";
            if (Crictl().Match(simple) is { Success: true } c)
                return $"crictl {c.Groups["verb"].Value}";
            if (Killer().Match(simple) is { Success: true } k && Daemon(simple[(k.Index + k.Length)..]) is { } daemon)
                return $"{k.Groups["tool"].Value}s {daemon}";
            if (Kubeadm().Match(simple) is { Success: true } ka)
                return "kubeadm " + Words(ka.Groups["sub"].Value);
            if (Rke2().Match(simple) is { Success: true } r)
                return Words(r.Value.Trim());
        }

        return null;
    }

    /// <summary>The pieces of a command between ; &amp; | newlines and the words that start a loop's body.</summary>
    private static IEnumerable<string> SimpleCommands(string command) =>
        Separators().Split(command).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>The manifest directory a 'mv' or 'rm' takes a manifest out of (a move into it is none).</summary>
    private static string? ManifestMoved(string simple)
    {
        var m = MoveOrRemove().Match(simple);
        if (!m.Success)
        {
            // find DIR … -delete: the directory itself is what find walks.
            return FindDelete().Match(simple) is { Success: true } f
                ? ManifestDirs.FirstOrDefault(d => IsIn(Unquote(f.Groups["path"].Value).TrimEnd('/'), d, orSelf: true))
                : null;
        }

        var words = Words(simple[(m.Index + m.Length)..])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(Unquote)
            .Where(w => !w.StartsWith('-'))
            .ToList();
        // mv's last word is where things go: the sources are the others. rm's words are all removed.
        var sources = m.Groups["tool"].Value == "mv" ? words.Take(Math.Max(0, words.Count - 1)) : words;
        return sources.Select(ManifestDir).FirstOrDefault(d => d is not null);
    }

    private static string? ManifestDir(string path) => ManifestDirs.FirstOrDefault(d => IsIn(path, d, orSelf: false));

    private static bool IsIn(string path, string dir, bool orSelf) =>
        (orSelf && path == dir)
        || (path.StartsWith(dir + "/", StringComparison.Ordinal) && path.Length > dir.Length + 1);

    private static string Unquote(string word) =>
        word.Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    private static string Words(string text) => Spaces().Replace(text, " ");

    private static string? Daemon(string rest)
    {
        foreach (Match m in Word().Matches(rest))
        {
            var word = Unquote(m.Value);
            word = word[(word.LastIndexOf('/') + 1)..];
            if (Daemons.Contains(word, StringComparer.Ordinal))
                return word;
        }

        return null;
    }

    [GeneratedRegex(@"\s*(?:;|&&|\|\||\||&|\n|\bdo\b|\bthen\b|\belse\b)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:sudo\s+(?:-\S+\s+)*)?(?<tool>mv|rm)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MoveOrRemove();

    [GeneratedRegex(
        @"^(?:sudo\s+)?find\s+(?<path>\S+).*(?:-delete|-exec\s+(?:mv|rm)\b)",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex FindDelete();

    [GeneratedRegex(
        @"\bcrictl(?:\s+-{1,2}\S+(?:\s+[^-\s]\S*)?)*\s+(?<verb>stop|stopp|rm|rmp)\b",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Crictl();

    [GeneratedRegex(@"(?:^|\s|/)(?<tool>kill|pkill|killall)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Killer();

    [GeneratedRegex(
        @"\bkubeadm(?:\s+-{1,2}\S+)*\s+(?<sub>upgrade\s+(?:apply|node)|reset|init\s+phase\s+(?:control-plane|etcd))\b",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Kubeadm();

    [GeneratedRegex(
        @"\brke2\s+certificate\s+rotate(?!-)\b|\brke2\s+server\b.*--cluster-reset\b"
            + @"|\b(?:rke2|k3s)-(?:killall|uninstall)\.sh\b",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Rke2();

    [GeneratedRegex(@"[\w./-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
