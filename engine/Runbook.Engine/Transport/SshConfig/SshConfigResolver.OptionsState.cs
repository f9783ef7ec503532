using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

// The per-resolution state: what ssh collects while it walks the files for one host.
internal sealed partial class SshConfigResolver
{
    /// <summary>The options as ssh collects them: -1 or null is "not set yet"; the first value set stays.</summary>
    private sealed class SshOptionsState(string alias, SshConfigEnvironment environment)
    {
        private readonly DiagnosticBag _diagnostics = new();
        private readonly List<(string Configured, SourceSpan? Span)> _identityFiles = [];
        private bool _explicitIdentity;

        public string Alias { get; } = alias;

        public string? HostName { get; set; }

        public bool FinalHostNameIsSet { get; set; }

        public SourceSpan? HostNameSpan { get; private set; }

        public string? User { get; private set; }

        private int _port = -1;
        private int _identitiesOnly = -1;
        private string? _jumpText;
        private ProxyJumpSpec? _jump;
        private SourceSpan? _jumpSpan;
        private string? _proxyCommand;
        private SourceSpan? _proxyCommandSpan;
        private string[]? _userKnownHosts;
        private SourceSpan? _userKnownHostsSpan;
        private string[]? _globalKnownHosts;
        private SourceSpan? _globalKnownHostsSpan;
        private StrictHostKeyChecking? _strict;
        private SourceSpan? _strictSpan;
        private int _connectTimeout = -1;
        private int _serverAlive = -1;
        private int _serverAliveCountMax = -1;
        private string? _agent;
        private SourceSpan? _agentSpan;
        private string? _ignoreUnknown;
        private string? _hostKeyAlias;

        public int? Canonicalize { get; private set; }

        public SourceSpan? CanonicalizeSpan { get; private set; }

        public void ApplyExplicit(ExplicitSettings given)
        {
            HostName = given.HostName;
            User = given.User;
            if (given.Port is { } port)
                _port = port;
            if (given.IdentityFile is { } identity)
            {
                _identityFiles.Add((identity, null));
                _explicitIdentity = true;
            }

            if (given.ProxyJump is { } jump && SshConfigParser.ParseJump(jump) is { } spec)
                SetJump(spec, null);
        }

        public void Warn(SourceSpan span, string message) =>
            _diagnostics.Warning(Codes.SshConfigNotApplied, span, message);

        private void Error(SourceSpan span, string message, string? hint = null) =>
            _diagnostics.Error(Codes.SshConfigValue, span, message, hint);

        /// <summary>A keyword OpenSSH does not know: fine only if the IgnoreUnknown in force names it.</summary>
        public void Unknown(SshConfigLine line)
        {
            var ignored =
                _ignoreUnknown is not null
                && SshPatterns.MatchList(line.Keyword, _ignoreUnknown, lowercasePattern: true) == 1;
            if (ignored)
                return;
            _diagnostics.Error(
                Codes.SshConfigUnknownKeyword,
                line.Span,
                $"unknown ssh_config keyword '{line.Written}'"
            );
        }

        public void Apply(SshConfigLine line)
        {
            var value = line.Value;
            switch (line.Keyword)
            {
                case "hostname":
                    if (HostName is null)
                    {
                        HostName = (string)value!;
                        HostNameSpan = line.Span;
                    }

                    break;
                case "user":
                    User ??= (string)value!;
                    break;
                case "port":
                    if (_port == -1)
                        _port = (int)value!;
                    break;
                case "identityfile":
                    // Identity files add up, duplicates once; an explicit one replaces them all (Runbook's rule).
                    var identity = (string)value!;
                    if (!_explicitIdentity && !_identityFiles.Any(f => f.Configured == identity))
                    {
                        _identityFiles.Add((identity, line.Span));
                    }

                    break;
                case "identitiesonly":
                    if (_identitiesOnly == -1)
                        _identitiesOnly = (bool)value! ? 1 : 0;
                    break;
                case "proxyjump":
                    if (_jump is null && _proxyCommand is null)
                        SetJump((ProxyJumpSpec)value!, line.Span);
                    break;
                case "proxycommand":
                    if (_jump is null && _proxyCommand is null)
                    {
                        _proxyCommand = (string)value!;
                        _proxyCommandSpan = line.Span;
                    }

                    break;
                case "userknownhostsfile":
                    if (_userKnownHosts is null)
                    {
                        _userKnownHosts = (string[])value!;
                        _userKnownHostsSpan = line.Span;
                    }

                    break;
                case "globalknownhostsfile":
                    if (_globalKnownHosts is null)
                    {
                        _globalKnownHosts = (string[])value!;
                        _globalKnownHostsSpan = line.Span;
                    }

                    break;
                case "stricthostkeychecking":
                    if (_strict is null)
                    {
                        _strict = (StrictHostKeyChecking)value!;
                        _strictSpan = line.Span;
                    }

                    break;
                case "connecttimeout":
                    if (_connectTimeout == -1)
                        _connectTimeout = (int)value!;
                    break;
                case "serveraliveinterval":
                    if (_serverAlive == -1)
                        _serverAlive = (int)value!;
                    break;
                case "serveralivecountmax":
                    if (_serverAliveCountMax == -1)
                        _serverAliveCountMax = (int)value!;
                    break;
                case "identityagent":
                    if (_agent is null)
                    {
                        _agent = (string)value!;
                        _agentSpan = line.Span;
                    }

                    break;
                case "ignoreunknown":
                    _ignoreUnknown ??= (string)value!;
                    break;
                case "canonicalizehostname":
                    if (Canonicalize is null)
                    {
                        Canonicalize = (int)value!;
                        CanonicalizeSpan = line.Span;
                    }

                    break;
                case "refuseconnection":
                    if ((bool)value!)
                        Error(line.Span, $"ssh_config refuses connections to {Alias} (RefuseConnection)");
                    break;
                case "hostkeyalias":
                    if (_hostKeyAlias is null)
                    {
                        _hostKeyAlias = (string)value!;
                        Warn(line.Span, SshKeywords.WarningFor(line.Keyword));
                    }

                    break;
                default:
                    if (line.Use == SshKeywordUse.Warned && line.Keyword != "canonicalizehostname")
                    {
                        Warn(line.Span, SshKeywords.WarningFor(line.Keyword));
                    }

                    break;
            }
        }

        private void SetJump(ProxyJumpSpec spec, SourceSpan? span)
        {
            _jump = spec;
            _jumpSpan = span;
            _jumpText = spec.Text;
        }

        /// <summary>HostName with %h (the host as given) expanded; null when HostName is unset.</summary>
        public string? ExpandedHostName()
        {
            if (HostName is null)
                return Lower(Alias);
            if (FinalHostNameIsSet)
                return HostName;
            var (value, error) = SshTokens.Expand(HostName, new Dictionary<char, string> { ['h'] = Alias }, null);
            if (error is not null)
            {
                Error(HostNameSpan ?? SourceSpan.None("HostName"), $"HostName '{HostName}': {error}");
                return Lower(Alias);
            }

            return Lower(value!);
        }

        internal static string? ExpandHostToken(string hostName, string alias) =>
            SshTokens.Expand(hostName, new Dictionary<char, string> { ['h'] = alias }, null).Value;

        /// <summary>
        /// ssh lowercases host names but not what looks like an address (is_addr: also any '%' or ':').
        /// </summary>
        private static string Lower(string host) =>
            host.Contains('%', StringComparison.Ordinal)
            || host.Contains(':', StringComparison.Ordinal)
            || host.All(c => char.IsAsciiDigit(c) || c == '.')
            || IPAddress.TryParse(host, out _)
                ? host
                : host.ToLowerInvariant();

        public ResolvedEndpoint Build(string host)
        {
            var user = User ?? environment.LocalUser;
            var port = _port > 0 ? _port : 22;
            var tokens = Tokens(host, user, port);
            var identities = new List<SshIdentityFile>();
            foreach (var (configured, span) in _identityFiles)
            {
                var path = ExpandPath(configured, tokens, span, "IdentityFile");
                if (path is not null)
                    identities.Add(new SshIdentityFile(configured, path, span));
            }

            SshFileList? userKnownHosts = null;
            if (_userKnownHosts is { } userFiles)
            {
                var isNone = userFiles is [var only] && only.Equals("none", StringComparison.OrdinalIgnoreCase);
                var paths = isNone
                    ? []
                    : userFiles
                        .Select(f => ExpandPath(f, tokens, _userKnownHostsSpan, "UserKnownHostsFile"))
                        .OfType<string>()
                        .ToList();
                userKnownHosts = new SshFileList(userFiles, paths, _userKnownHostsSpan!.Value);
            }

            SshFileList? globalKnownHosts = null;
            if (_globalKnownHosts is { } globalFiles)
            {
                var isNone = globalFiles is [var only] && only.Equals("none", StringComparison.OrdinalIgnoreCase);
                var paths = isNone
                    ? []
                    : globalFiles.Select(f => SshTokens.Tilde(f, environment.Home).Path ?? f).ToList();
                globalKnownHosts = new SshFileList(globalFiles, paths, _globalKnownHostsSpan!.Value);
            }

            string? agent = null;
            if (_agent is { } configuredAgent)
            {
                // "$VAR" (no braces) is ssh's legacy form, read from the environment when used; "${VAR}" expands.
                var legacy =
                    configuredAgent.StartsWith('$') && !configuredAgent.StartsWith("${", StringComparison.Ordinal);
                agent = configuredAgent is "none" or "SSH_AUTH_SOCK"
                    ? configuredAgent
                    : ExpandPath(configuredAgent, tokens, _agentSpan, "IdentityAgent", dollar: !legacy);
            }

            var jump = _jump is { IsNone: false } j ? j : null;
            var proxyCommand =
                jump is null
                && _proxyCommand is { } command
                && !command.Equals("none", StringComparison.OrdinalIgnoreCase)
                    ? command
                    : null;
            if (proxyCommand is not null)
            {
                var message = SshKeywords.WarningFor("proxycommand");
                _diagnostics.Error(Codes.SshConfigNotApplied, _proxyCommandSpan!.Value, message);
            }

            // "ProxyJump none # comment" is a jump through a host named none in ssh; keep the text as ssh -G shows it.
            var jumpText = _jump is { IsNone: true } ? null : _jumpText;
            return new ResolvedEndpoint
            {
                Alias = Alias,
                HostName = host,
                Port = _port > 0 ? _port : null,
                User = User,
                DefaultUser = environment.LocalUser,
                IdentityFiles = identities,
                IdentitiesOnly = _identitiesOnly == 1,
                ProxyJump = jump?.Hops ?? [],
                ProxyJumpSpan = jump is null ? null : _jumpSpan,
                ProxyJumpText = jumpText,
                ProxyCommand = proxyCommand,
                UserKnownHostsFiles = userKnownHosts,
                GlobalKnownHostsFiles = globalKnownHosts,
                StrictHostKeyChecking = _strict,
                StrictHostKeyCheckingSpan = _strictSpan,
                ConnectTimeout = _connectTimeout >= 0 ? TimeSpan.FromSeconds(_connectTimeout) : null,
                ServerAliveInterval = _serverAlive >= 0 ? TimeSpan.FromSeconds(_serverAlive) : null,
                ServerAliveCountMax = _serverAliveCountMax >= 0 ? _serverAliveCountMax : null,
                IdentityAgent = agent,
                IdentityAgentSpan = _agentSpan,
                Diagnostics = _diagnostics.ToSortedList(),
            };
        }

        private string? ExpandPath(
            string configured,
            Dictionary<char, string> tokens,
            SourceSpan? span,
            string keyword,
            bool dollar = true
        )
        {
            var (tilde, tildeError) = SshTokens.Tilde(configured, environment.Home);
            var (value, error) = tildeError is null
                ? SshTokens.Expand(tilde!, tokens, dollar ? environment.Variables : null)
                : (null, tildeError);
            if (error is null)
                return value;
            Error(span ?? SourceSpan.None(keyword), $"{keyword} '{configured}': {error}");
            return null;
        }

        /// <summary>The %-tokens ssh expands in file paths (DEFAULT_CLIENT_PERCENT_EXPAND_ARGS).</summary>
        private Dictionary<char, string> Tokens(string host, string user, int port)
        {
            var portText = port.ToString(CultureInfo.InvariantCulture);
            var thisHost = environment.ThisHost;
            // %C is defined by OpenSSH as this SHA-1 (a name for control sockets), not a security use.
#pragma warning disable CA5350
            var digest = SHA1.HashData(Encoding.UTF8.GetBytes(thisHost + host + portText + user));
#pragma warning restore CA5350
            var hash = Convert.ToHexStringLower(digest);
            return new Dictionary<char, string>
            {
                ['C'] = hash,
                ['L'] = thisHost.Split('.')[0],
                ['i'] = environment.UserId,
                ['k'] = _hostKeyAlias ?? Alias,
                ['l'] = thisHost,
                ['n'] = Alias,
                ['p'] = portText,
                ['d'] = environment.Home,
                ['h'] = host,
                ['r'] = user,
                ['u'] = environment.LocalUser,
            };
        }
    }
}
