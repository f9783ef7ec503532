namespace Runbook.Diagnostics;

/// <summary>The codes of ssh_config files and SSH credentials (RB008x): part of the catalogue in Codes.cs.</summary>
public static partial class Codes
{
    // ---------------------------------------------------------------------------------------------------------------
    // OpenSSH client configuration and credentials (docs/ssh.md): errors in ssh_config files, at file:line:column,
    // as ssh itself would refuse them; RB0084 is a warning for a setting Runbook does not apply (an error for
    // ProxyCommand, which it cannot).
    // ---------------------------------------------------------------------------------------------------------------
    public static readonly DiagnosticCode SshConfigSyntax = new(
        "RB0080",
        "ssh_config syntax error",
        "write 'Keyword value' or 'Keyword=value'; quote a value that holds spaces"
    );
    public static readonly DiagnosticCode SshConfigUnknownKeyword = new(
        "RB0081",
        "unknown ssh_config keyword",
        "check the spelling (see ssh_config(5)); to skip a keyword only a newer ssh knows, list it in 'IgnoreUnknown'"
    );
    public static readonly DiagnosticCode SshConfigValue = new("RB0082", "bad ssh_config value");
    public static readonly DiagnosticCode SshConfigInclude = new("RB0083", "ssh_config file cannot be read");
    public static readonly DiagnosticCode SshConfigNotApplied = new(
        "RB0084",
        "ssh_config setting not applied",
        "see docs/ssh.md for what Runbook reads from ssh_config"
    );
    public static readonly DiagnosticCode IdentityFileUnreadable = new("RB0085", "identity file cannot be read");
}
