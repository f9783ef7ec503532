namespace Runbook.Transport.SshConfig;

/// <summary>What Runbook does with an ssh_config keyword.</summary>
internal enum SshKeywordUse
{
    /// <summary>
    /// Read and applied (HostName, User, Port, IdentityFile, ProxyJump, …), or structure (Host, Match, Include).
    /// </summary>
    Applied,

    /// <summary>
    /// Valid, and it would change where ssh connects, which key it offers or which host key it trusts, but Runbook does
    /// not do it: a warning naming the line when it applies to a host, so that nothing is silently different.
    /// </summary>
    Warned,

    /// <summary>
    /// Valid and without effect on what Runbook does (forwarding, multiplexing, logging, terminal, …).
    /// </summary>
    Ignored,
}

/// <summary>
/// Every keyword OpenSSH's client accepts (readconf.c of OpenSSH 9.2 plus the ones added up to 10.x, so that a config
/// written for a newer ssh is not rejected), with what Runbook does with it. A keyword not listed is an error, as in
/// ssh, unless <c>IgnoreUnknown</c> names it.
/// </summary>
internal static class SshKeywords
{
    /// <summary>Alternative spellings OpenSSH accepts for the keywords Runbook applies.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["identityfile2"] = "identityfile",
        ["smartcarddevice"] = "pkcs11provider",
    };

    private static readonly Dictionary<string, SshKeywordUse> Table = Build();

    /// <summary>The canonical lowercase keyword and its use; null when OpenSSH does not know it.</summary>
    public static (string Keyword, SshKeywordUse Use)? Find(string lowercased)
    {
        var keyword = Aliases.GetValueOrDefault(lowercased, lowercased);
        return Table.TryGetValue(keyword, out var use) ? (keyword, use) : null;
    }

    /// <summary>Why a <see cref="SshKeywordUse.Warned"/> keyword matters, for the warning.</summary>
    public static string WarningFor(string keyword) =>
        keyword switch
        {
            "proxycommand" => "ProxyCommand is not supported: Runbook cannot connect through a command; use ProxyJump",
            "hostkeyalias" =>
                "HostKeyAlias is not supported: host keys are looked up under the host's name and address",
            "canonicalizehostname" =>
                "CanonicalizeHostname is not supported: host names are not canonicalized through DNS",
            "certificatefile" =>
                "CertificateFile is not supported: Runbook offers a certificate <key>-cert.pub found beside a key",
            "knownhostscommand" => "KnownHostsCommand is not supported: only known_hosts files are read",
            "revokedhostkeys" =>
                "RevokedHostKeys is not supported: list revoked keys with @revoked in a known_hosts file",
            "pkcs11provider" => "PKCS11Provider is not supported: load token keys into ssh-agent instead",
            "securitykeyprovider" => "SecurityKeyProvider is not supported: FIDO keys (sk-*) are not offered",
            "bindaddress" or "bindinterface" =>
                $"{Display(keyword)} is not supported: the system chooses the source address",
            "addressfamily" => "AddressFamily is not supported: the system resolver chooses the address family",
            _ => $"{Display(keyword)} is not supported",
        };

    private static string Display(string keyword) =>
        keyword switch
        {
            "bindaddress" => "BindAddress",
            "bindinterface" => "BindInterface",
            _ => keyword,
        };

    private static Dictionary<string, SshKeywordUse> Build()
    {
        var table = new Dictionary<string, SshKeywordUse>(StringComparer.Ordinal);
        foreach (
            var k in new[]
            {
                "host",
                "match",
                "include",
                "hostname",
                "user",
                "port",
                "identityfile",
                "identitiesonly",
                "proxyjump",
                "userknownhostsfile",
                "globalknownhostsfile",
                "stricthostkeychecking",
                "connecttimeout",
                "serveraliveinterval",
                "serveralivecountmax",
                "identityagent",
                "ignoreunknown",
                "refuseconnection",
            }
        )
        {
            table[k] = SshKeywordUse.Applied;
        }

        foreach (
            var k in new[]
            {
                "proxycommand",
                "hostkeyalias",
                "canonicalizehostname",
                "certificatefile",
                "knownhostscommand",
                "revokedhostkeys",
                "pkcs11provider",
                "securitykeyprovider",
                "bindaddress",
                "bindinterface",
                "addressfamily",
            }
        )
        {
            table[k] = SshKeywordUse.Warned;
        }

        foreach (
            var k in new[]
            {
                // Deprecated or unsupported by OpenSSH itself: accepted and ignored there too.
                "protocol",
                "cipher",
                "fallbacktorsh",
                "globalknownhostsfile2",
                "rhostsauthentication",
                "userknownhostsfile2",
                "useroaming",
                "usersh",
                "useprivilegedport",
                "afstokenpassing",
                "kerberosauthentication",
                "kerberostgtpassing",
                "rsaauthentication",
                "rhostsrsaauthentication",
                "compressionlevel",
                // Authentication choices: Runbook offers keys (agent and files) and, with RUNBOOK_SSH_PASSWORD, a
                // password.
                "gssapiauthentication",
                "gssapidelegatecredentials",
                "passwordauthentication",
                "kbdinteractiveauthentication",
                "kbdinteractivedevices",
                "challengeresponseauthentication",
                "skeyauthentication",
                "tisauthentication",
                "pubkeyauthentication",
                "dsaauthentication",
                "hostbasedauthentication",
                "preferredauthentications",
                "numberofpasswordprompts",
                "batchmode",
                "addkeystoagent",
                "enablesshkeysign",
                "hostbasedacceptedalgorithms",
                "hostbasedkeytypes",
                "pubkeyacceptedalgorithms",
                "pubkeyacceptedkeytypes",
                "casignaturealgorithms",
                "requiredrsasize",
                // Algorithms: SSH.NET negotiates its own lists (curve25519-sha256 first).
                "ciphers",
                "macs",
                "kexalgorithms",
                "hostkeyalgorithms",
                "rekeylimit",
                "compression",
                // Host keys: Runbook reads known_hosts files and never asks.
                "checkhostip",
                "verifyhostkeydns",
                "updatehostkeys",
                "hashknownhosts",
                "nohostauthenticationforlocalhost",
                "fingerprinthash",
                "visualhostkey",
                // Forwarding, multiplexing, terminal, logging, local commands: not part of running a step.
                "forwardagent",
                "forwardx11",
                "forwardx11trusted",
                "forwardx11timeout",
                "exitonforwardfailure",
                "xauthlocation",
                "gatewayports",
                "remoteforward",
                "localforward",
                "dynamicforward",
                "permitremoteopen",
                "clearallforwardings",
                "streamlocalbindmask",
                "streamlocalbindunlink",
                "tunnel",
                "tunneldevice",
                "controlpath",
                "controlmaster",
                "controlpersist",
                "escapechar",
                "enableescapecommandline",
                "requesttty",
                "sessiontype",
                "stdinnull",
                "forkafterauthentication",
                "remotecommand",
                "localcommand",
                "permitlocalcommand",
                "sendenv",
                "setenv",
                "loglevel",
                "logverbose",
                "syslogfacility",
                "ipqos",
                "tcpkeepalive",
                "keepalive",
                "connectionattempts",
                "proxyusefdpass",
                "canonicaldomains",
                "canonicalizefallbacklocal",
                "canonicalizemaxdots",
                "canonicalizepermittedcnames",
                "obscurekeystroketiming",
                "channeltimeout",
                "tag",
                "versionaddendum",
                "warnweakcrypto",
            }
        )
        {
            table[k] = SshKeywordUse.Ignored;
        }

        return table;
    }
}
