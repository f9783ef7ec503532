using Renci.SshNet;
using Renci.SshNet.Common;

namespace Runbook.Transport;

/// <summary>
/// The authentication methods for a host: its identity_file, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa (whichever
/// exist); an OpenSSH user certificate <c>&lt;key&gt;-cert.pub</c> beside a key is offered with it; the passphrase
/// comes from RUNBOOK_SSH_PASSPHRASE; RUNBOOK_SSH_PASSWORD adds password authentication.
/// </summary>
internal static class SshAuthentication
{
    public const string PassphraseVariable = "RUNBOOK_SSH_PASSPHRASE";
    public const string PasswordVariable = "RUNBOOK_SSH_PASSWORD";

    private static readonly string[] DefaultKeys = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>The methods, and a description for error messages ("key ~/.ssh/id_ed25519", "password").</summary>
    public static (AuthenticationMethod[] Methods, string Description) For(HostEndpoint host, string user, SshTransportOptions options, PrivateKeyCache keyCache)
    {
        var keys = KeyFiles(host, options);
        var methods = new List<AuthenticationMethod>();
        var passphrase = options.Environment(PassphraseVariable);
        var sources = new List<IPrivateKeySource>();
        foreach (var path in keys)
        {
            sources.Add(keyCache.GetOrAdd(path, () => Load(host, path, passphrase)));
        }

        if (sources.Count > 0) methods.Add(new PrivateKeyAuthenticationMethod(user, [.. sources]));
        if (options.Environment(PasswordVariable) is { Length: > 0 } password) methods.Add(new PasswordAuthenticationMethod(user, password));
        if (methods.Count == 0)
        {
            throw new HostUnreachableException(host.Name,
                $"no credentials for user {user}: no identity_file, no key in {Path.Combine(options.Home, ".ssh")} (id_ed25519, id_ecdsa, id_rsa) and no {PasswordVariable}");
        }

        var described = keys.Select(k => "key " + Tilde(k, options.Home)).ToList();
        if (options.Environment(PasswordVariable) is { Length: > 0 }) described.Add("password");
        return ([.. methods], string.Join(" or ", described));
    }

    private static List<string> KeyFiles(HostEndpoint host, SshTransportOptions options)
    {
        if (host.IdentityFile is { } identity)
        {
            var path = Expand(identity, options.Home);
            if (!File.Exists(path)) throw new HostUnreachableException(host.Name, $"identity_file {identity} does not exist");
            return [path];
        }

        return DefaultKeys.Select(k => Path.Combine(options.Home, ".ssh", k)).Where(File.Exists).ToList();
    }

    private static PrivateKeyFile Load(HostEndpoint host, string path, string? passphrase)
    {
        var certificate = path + "-cert.pub";
        try
        {
            return File.Exists(certificate) ? new PrivateKeyFile(path, passphrase, certificate) : new PrivateKeyFile(path, passphrase);
        }
        catch (Exception ex) when (ex is SshPassPhraseNullOrEmptyException or SshException or InvalidOperationException or IOException or ArgumentException or FormatException or NotSupportedException)
        {
            var hint = ex is SshPassPhraseNullOrEmptyException ? $": it is encrypted and {PassphraseVariable} is not set" : ": " + ex.Message;
            throw new HostUnreachableException(host.Name, $"cannot load the private key {path}{hint}");
        }
    }

    internal static string Expand(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    private static string Tilde(string path, string home) =>
        path.StartsWith(home + "/", StringComparison.Ordinal) ? "~/" + path[(home.Length + 1)..] : path;
}
