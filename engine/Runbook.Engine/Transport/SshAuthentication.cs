using Renci.SshNet;
using Renci.SshNet.Common;
using Runbook.Transport.Agent;

namespace Runbook.Transport;

/// <summary>
/// The authentication methods for an endpoint, keys in OpenSSH's order (sshconnect2.c pubkey_prepare): first the
/// agent's keys that are also identity files (signed by the agent, so an encrypted key in the agent needs no
/// passphrase), then the agent's other keys (unless IdentitiesOnly), then the identity files the agent does not hold.
/// Identity files are the host's identity_file, else ssh_config's IdentityFile, else ~/.ssh/id_ed25519, id_ecdsa,
/// id_rsa (whichever exist); an OpenSSH user certificate <c>&lt;key&gt;-cert.pub</c> beside a key is offered with
/// it; a file's passphrase comes from RUNBOOK_SSH_PASSPHRASE; RUNBOOK_SSH_PASSWORD adds password authentication.
/// </summary>
internal static class SshAuthentication
{
    public const string PassphraseVariable = "RUNBOOK_SSH_PASSPHRASE";
    public const string PasswordVariable = "RUNBOOK_SSH_PASSWORD";

    /// <summary>How the error about a key file that does not load starts.</summary>
    public const string CannotLoad = "cannot load the private key";

    /// <summary>The methods, and a description for error messages ("key ~/.ssh/id_ed25519", "password").</summary>
    public static (AuthenticationMethod[] Methods, string Description) For(
        SshEndpoint endpoint,
        SshTransportOptions options,
        PrivateKeyCache keyCache
    )
    {
        var host = endpoint.Host;
        var user = endpoint.User;
        var files = Files(endpoint)
            .Select(f => new FileKey(f, IdentityFileKeys.PublicKey(f.Path), IdentityFileKeys.Certificate(f.Path)))
            .ToList();
        var sources = new List<IPrivateKeySource>();
        var agentOnly = new List<IPrivateKeySource>();
        if (endpoint.Agent is { } agent)
        {
            var offered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var identity in agent.ListIdentities())
            {
                if (!offered.Add(Convert.ToBase64String(identity.Blob)))
                    continue;
                var file = files.FirstOrDefault(f =>
                    !f.InAgent && (Same(f.Key, identity.Blob) || Same(f.Certificate, identity.Blob))
                );
                if (file is not null)
                {
                    file.InAgent = true;
                    if (
                        Same(file.Key, identity.Blob)
                        && file.Certificate is { } certificate
                        && offered.Add(Convert.ToBase64String(certificate))
                    )
                    {
                        // The certificate beside the file, signed by the agent's copy of the key.
                        var certified = AgentKeySource.For(KeyType(certificate), certificate, identity.Blob, agent);
                        AddIfSupported(sources, certified);
                    }

                    AddIfSupported(sources, AgentKeySource.For(identity.KeyType, identity.Blob, identity.Blob, agent));
                }
                else if (!endpoint.IdentitiesOnly)
                {
                    var other = AgentKeySource.For(identity.KeyType, identity.Blob, identity.Blob, agent);
                    AddIfSupported(agentOnly, other);
                }
            }
        }

        sources.AddRange(agentOnly);
        var passphrase = options.Environment(PassphraseVariable);
        foreach (var file in files.Where(f => !f.InAgent))
        {
            sources.Add(keyCache.GetOrAdd(file.Choice.Path, () => Load(host, file.Choice.Path, passphrase)));
        }

        var methods = new List<AuthenticationMethod>();
        if (sources.Count > 0)
            methods.Add(new PrivateKeyAuthenticationMethod(user, [.. sources]));
        if (options.Environment(PasswordVariable) is { Length: > 0 } password)
            methods.Add(new PasswordAuthenticationMethod(user, password));
        if (methods.Count == 0)
        {
            var agentNote = endpoint.Agent is { } a ? $", no key in the ssh-agent ({a.Source})" : "";
            var keys = Path.Combine(options.Home, ".ssh");
            throw new HostUnreachableException(
                host.Name,
                $"no credentials for user {user}: no identity_file, no key in {keys} (id_ed25519, id_ecdsa, id_rsa)"
                    + $"{agentNote} and no {PasswordVariable}"
            );
        }

        var described = files.Select(f => "key " + Tilde(f.Choice.Path, options.Home)).ToList();
        if (agentOnly.Count > 0)
        {
            var keys = agentOnly.Count == 1 ? "1 more key" : $"{agentOnly.Count} more keys";
            described.Add($"{keys} of the ssh-agent ({endpoint.Agent!.Source})");
        }
        if (options.Environment(PasswordVariable) is { Length: > 0 })
            described.Add("password");
        return ([.. methods], string.Join(" or ", described));
    }

    /// <summary>
    /// The identity files to use: an explicit one must exist; others are skipped when missing, as in ssh.
    /// </summary>
    internal static List<IdentityFileChoice> Files(SshEndpoint endpoint)
    {
        var files = new List<IdentityFileChoice>();
        foreach (var choice in endpoint.IdentityFiles)
        {
            if (File.Exists(choice.Path))
            {
                files.Add(choice);
            }
            else if (choice.MustExist)
            {
                var message = $"identity_file {choice.Written} does not exist";
                throw new HostUnreachableException(endpoint.Host.Name, message);
            }
        }

        return files;
    }

    private static void AddIfSupported(List<IPrivateKeySource> sources, AgentKeySource? source)
    {
        if (source is not null)
            sources.Add(source);
    }

    private static bool Same(byte[]? a, byte[] b) => a is not null && a.AsSpan().SequenceEqual(b);

    private static string KeyType(byte[] blob) => new AgentIdentity(blob, "").KeyType;

    internal static PrivateKeyFile Load(HostEndpoint host, string path, string? passphrase)
    {
        var certificate = path + "-cert.pub";
        try
        {
            return File.Exists(certificate)
                ? new PrivateKeyFile(path, passphrase, certificate)
                : new PrivateKeyFile(path, passphrase);
        }
        catch (Exception ex)
            when (ex
                    is SshPassPhraseNullOrEmptyException
                        or SshException
                        or InvalidOperationException
                        or IOException
                        or ArgumentException
                        or FormatException
                        or NotSupportedException
                        or UnauthorizedAccessException
            )
        {
            var hint =
                ex is SshPassPhraseNullOrEmptyException
                    ? $": it is encrypted and {PassphraseVariable} is not set"
                    : ": " + ex.Message;
            throw new HostUnreachableException(host.Name, $"{CannotLoad} {path}{hint}");
        }
    }

    internal static string Expand(string path, string home) =>
        path == "~" ? home
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..])
        : path;

    private static string Tilde(string path, string home) =>
        path.StartsWith(home + "/", StringComparison.Ordinal) ? "~/" + path[(home.Length + 1)..] : path;

    /// <summary>
    /// An identity file with its public key and certificate (null when unknown), and whether the agent holds it.
    /// </summary>
    private sealed class FileKey(IdentityFileChoice choice, byte[]? key, byte[]? certificate)
    {
        public IdentityFileChoice Choice { get; } = choice;

        public byte[]? Key { get; } = key;

        public byte[]? Certificate { get; } = certificate;

        public bool InAgent { get; set; }
    }
}
