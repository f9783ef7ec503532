using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// Resolves hosts against OpenSSH client configuration the way <c>ssh</c> does (readconf.c, ssh.c): files in order
/// (<c>~/.ssh/config</c> then <c>/etc/ssh/ssh_config</c>, or one file like <c>ssh -F</c>), <c>Host</c> and
/// <c>Match</c> blocks, <c>Include</c>s inline, the first value obtained for a keyword winning, then a second pass
/// when a <c>Match final</c> asks for one. Explicit settings (the inventory's) are set before the files are read,
/// as ssh's command line is, so they win. Thread-safe: files are read once, each resolution is independent.
/// </summary>
internal sealed partial class SshConfigResolver
{
    private readonly IReadOnlyList<(SshConfigFile File, bool UserConfig)> _files;
    private readonly SshConfigEnvironment _environment;

    private SshConfigResolver(
        IReadOnlyList<(SshConfigFile, bool)> files,
        SshConfigEnvironment environment,
        IReadOnlyList<Diagnostic> diagnostics,
        SshConfigSource source
    )
    {
        _files = files;
        _environment = environment;
        Diagnostics = diagnostics;
        Source = source;
    }

    /// <summary>Problems found reading the files (every line is checked, whichever host it is for).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public SshConfigSource Source { get; }

    public SshConfigEnvironment Environment => _environment;

    /// <summary>The paths of every file read, includes too (for fingerprints and <c>runbook inventory</c>).</summary>
    public IReadOnlyList<string> FilesRead =>
        _files.SelectMany(f => Flatten(f.File)).Select(f => f.Path).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Reads the files of <paramref name="source"/> now; see <see cref="Diagnostics"/> for what was wrong.
    /// </summary>
    public static SshConfigResolver Load(SshConfigSource source, SshConfigEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(environment);
        var bag = new DiagnosticBag();
        var parser = new SshConfigParser(environment, bag);
        var files = new List<(SshConfigFile, bool)>();
        if (!source.IsNone)
        {
            if (source.FilePath is { } path)
            {
                var file = parser.ReadTop(path, userConfig: true, checkPermissions: false, required: true);
                if (file is not null)
                    files.Add((file, true));
            }
            else
            {
                var user = Path.Combine(environment.Home, ".ssh", "config");
                var file = parser.ReadTop(user, userConfig: true, checkPermissions: true, required: false);
                if (file is not null)
                    files.Add((file, true));
                var system = parser.ReadTop(
                    source.SystemFile,
                    userConfig: false,
                    checkPermissions: false,
                    required: false
                );
                if (system is not null)
                    files.Add((system, false));
            }
        }

        // A keyword OpenSSH does not know is an error unless an IgnoreUnknown somewhere could name it; whether the
        // IgnoreUnknown in force for a host names it is checked again when that host is resolved.
        var ignorable = files
            .SelectMany(f => Flatten(f.Item1))
            .SelectMany(f => f.Lines)
            .Where(l => l.Keyword == "ignoreunknown" && !l.HasError)
            .Select(l => (string)l.Value!)
            .ToList();
        foreach (var line in files.SelectMany(f => Flatten(f.Item1)).SelectMany(f => f.Lines).Where(l => l.Use is null))
        {
            if (ignorable.Any(p => SshPatterns.MatchList(line.Keyword, p, lowercasePattern: true) == 1))
                continue;
            bag.Error(Codes.SshConfigUnknownKeyword, line.Span, $"unknown ssh_config keyword '{line.Written}'");
        }

        return new SshConfigResolver(files, environment, bag.ToSortedList(), source);
    }

    /// <summary>A resolver that reads nothing: hosts resolve to their explicit settings.</summary>
    public static SshConfigResolver Empty(SshConfigEnvironment environment) => Load(SshConfigSource.None, environment);

    private static IEnumerable<SshConfigFile> Flatten(SshConfigFile file) =>
        new[] { file }.Concat(file.Lines.SelectMany(l => l.Included).SelectMany(Flatten));

    /// <summary>
    /// The host's connection settings: <paramref name="explicitSettings"/> first, then ssh_config. What neither says
    /// stays unset for the caller's defaults. Problems specific to this host are in the result's Diagnostics.
    /// </summary>
    public ResolvedEndpoint Resolve(string hostAlias, ExplicitSettings? explicitSettings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostAlias);
        var given = explicitSettings ?? ExplicitSettings.None;
        var state = new SshOptionsState(hostAlias, _environment);
        state.ApplyExplicit(given);

        // First pass with the host as given; Host lines match it case-sensitively, as in ssh.
        var wantFinal = false;
        foreach (var (file, _) in _files)
        {
            var active = true;
            Evaluate(state, file, hostAlias, final: false, neverMatch: false, ref active, ref wantFinal);
        }

        var host = state.ExpandedHostName();
        if (state.Canonicalize is > 0)
        {
            state.Warn(state.CanonicalizeSpan!.Value, SshKeywords.WarningFor("canonicalizehostname"));
            wantFinal = true;
        }

        if (wantFinal && host is not null)
        {
            // ssh re-reads everything with HostName set to the final host name; Host lines now match that name.
            state.HostName = host;
            state.FinalHostNameIsSet = true;
            var ignored = false;
            foreach (var (file, _) in _files)
            {
                var active = true;
                Evaluate(state, file, host, final: true, neverMatch: false, ref active, ref ignored);
            }
        }

        return state.Build(host ?? hostAlias.ToLowerInvariant());
    }

    private void Evaluate(
        SshOptionsState state,
        SshConfigFile file,
        string host,
        bool final,
        bool neverMatch,
        ref bool active,
        ref bool wantFinal
    )
    {
        foreach (var line in file.Lines)
        {
            if (line.HasError)
                continue;
            switch (line.Keyword)
            {
                case "host":
                    active = !neverMatch && HostMatches(host, (string[])line.Value!);
                    break;
                case "match":
                    var matched = MatchLine(state, line, host, final, ref wantFinal);
                    active = !neverMatch && matched;
                    break;
                case "include":
                    var outer = active;
                    foreach (var included in line.Included)
                    {
                        // Matches inside an included file do not change the including file's state.
                        Evaluate(state, included, host, final, neverMatch || !outer, ref active, ref wantFinal);
                        active = outer;
                    }

                    break;
                default:
                    if (line.Use is null)
                    {
                        state.Unknown(line);
                    }
                    else if (active)
                    {
                        state.Apply(line);
                    }

                    break;
            }
        }
    }

    /// <summary>A Host line: any pattern matches and no negated one does.</summary>
    private static bool HostMatches(string host, string[] patterns)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            if (!SshPatterns.Matches(host, negated ? pattern[1..] : pattern))
                continue;
            if (negated)
                return false;
            matched = true;
        }

        return matched;
    }

    /// <summary>
    /// match_cfg_line: every criterion must hold; 'exec' and newer criteria are warned about and fail.
    /// </summary>
    private bool MatchLine(
        SshOptionsState state,
        SshConfigLine line,
        string hostArgument,
        bool final,
        ref bool wantFinal
    )
    {
        // Match host sees the HostName set so far (with %h expanded), or the host as given.
        var host =
            final ? state.HostName!
            : state.HostName is { } configured ? SshOptionsState.ExpandHostToken(configured, hostArgument) ?? configured
            : hostArgument;
        var result = true;
        foreach (var c in line.Criteria)
        {
            bool r;
            switch (c.Attribute)
            {
                case "all":
                    return result && !c.Negated;
                case "canonical" or "final":
                    if (c.Attribute == "final")
                        wantFinal = true;
                    r = final;
                    break;
                case "host":
                    r = SshPatterns.MatchesHostname(host, c.Argument!);
                    break;
                case "originalhost":
                    r = SshPatterns.MatchesHostname(state.Alias, c.Argument!);
                    break;
                case "user":
                    var user = state.User ?? _environment.LocalUser;
                    r = SshPatterns.MatchList(user, c.Argument!, lowercasePattern: false) == 1;
                    break;
                case "localuser":
                    r = SshPatterns.MatchList(_environment.LocalUser, c.Argument!, lowercasePattern: false) == 1;
                    break;
                default:
                    // exec runs a command; localnetwork, tagged, version, sessiontype and command are newer than the
                    // OpenSSH this follows. The block does not match, negated or not, and never silently.
                    if (result)
                    {
                        state.Warn(
                            line.TokenSpan(c.Token),
                            $"Match {c.Attribute} is not supported: Runbook treats this Match block as not matching"
                        );
                    }

                    result = false;
                    continue;
            }

            if (r == c.Negated)
                result = false;
        }

        return result;
    }
}
