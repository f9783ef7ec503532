using Runbook.Diagnostics;
using Runbook.Transport.SshConfig;

namespace Runbook.Tests.Transport;

/// <summary>
/// The ssh_config resolver on its own (no processes; OpenSSH agreement is SshConfigOracleTests): diagnostics at
/// file:line:column, warnings for what Runbook does not do, the inventory's explicit settings winning, expansions.
/// </summary>
public sealed class SshConfigResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-sshconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SshConfigEnvironment Environment(Dictionary<string, string>? variables = null) =>
        new(
            Path.Combine(_dir, "home"),
            "operator",
            name => variables is not null && variables.TryGetValue(name, out var v) ? v : null
        )
        {
            ThisHost = "controller.example.net",
            UserId = "1000",
        };

    private SshConfigResolver Load(string text, Dictionary<string, string>? variables = null)
    {
        var file = Path.Combine(_dir, "config");
        File.WriteAllText(file, text);
        return SshConfigResolver.Load(SshConfigSource.File(file), Environment(variables));
    }

    private string Config => Path.Combine(_dir, "config");

    [Fact]
    public void A_host_listed_by_alias_gets_address_user_port_key_and_jump_from_ssh_config()
    {
        var resolver = Load(
            """
            Host db1
              HostName 10.1.2.3
              User deploy
              Port 2222
              IdentityFile ~/.ssh/deploy_%h
              ProxyJump ops@bastion.example.net:2200
            """
        );

        var db1 = resolver.Resolve("db1");

        Assert.Empty(resolver.Diagnostics);
        Assert.Equal(("10.1.2.3", 2222, "deploy"), (db1.HostName, db1.Port, db1.User));
        Assert.Equal(Path.Combine(_dir, "home", ".ssh", "deploy_10.1.2.3"), Assert.Single(db1.IdentityFiles).Path);
        Assert.Equal(new ProxyJumpHop("bastion.example.net", "ops", 2200), Assert.Single(db1.ProxyJump));
        Assert.Equal(new SourceSpan(Config, 6, 3, 9), db1.ProxyJumpSpan);
    }

    [Fact]
    public void What_the_inventory_says_explicitly_wins_over_ssh_config_and_the_rest_comes_from_it()
    {
        var resolver = Load(
            """
            Host web*
              HostName %h.internal
              User from-config
              Port 2222
              IdentityFile ~/.ssh/from_config
            """
        );

        var web = resolver.Resolve("web1", new ExplicitSettings(Port: 22, IdentityFile: "/keys/inventory"));

        Assert.Equal(("web1.internal", 22, "from-config"), (web.HostName, web.Port, web.User));
        Assert.Equal("/keys/inventory", Assert.Single(web.IdentityFiles).Path);
    }

    [Fact]
    public void An_explicit_address_is_the_HostName_that_Match_host_sees()
    {
        var resolver = Load(
            """
            Match host 10.9.*
              User by-address
            """
        );

        Assert.Equal("by-address", resolver.Resolve("app", new ExplicitSettings(HostName: "10.9.0.1")).User);
        Assert.Null(resolver.Resolve("app").User);
    }

    [Fact]
    public void Nothing_configured_leaves_every_setting_to_the_callers_defaults()
    {
        var resolver = Load("# nothing\n");

        var host = resolver.Resolve("Plain");

        Assert.Equal(("plain", null, null), (host.HostName, host.Port, host.User));
        Assert.Empty(host.IdentityFiles);
        Assert.Empty(host.ProxyJump);
        Assert.Null(host.StrictHostKeyChecking);
        Assert.Null(host.ConnectTimeout);
        Assert.Null(host.IdentityAgent);
        Assert.Null(host.UserKnownHostsFiles);
    }

    [Fact]
    public void Tokens_expand_in_known_hosts_files_and_the_agent_socket()
    {
        var resolver = Load(
            """
            Host kh
              HostName kh.example.net
              User remote
              Port 2022
              UserKnownHostsFile ~/kh/%h_%p_%r_%u_%n %d/%%_%L_%l_%i
              IdentityAgent ${AGENT_DIR}/%r.sock
            """,
            new Dictionary<string, string> { ["AGENT_DIR"] = "/run/agents" }
        );

        var kh = resolver.Resolve("kh");

        var home = Path.Combine(_dir, "home");
        Assert.Equal(
            [$"{home}/kh/kh.example.net_2022_remote_operator_kh", $"{home}/%_controller_controller.example.net_1000"],
            kh.UserKnownHostsFiles!.Paths
        );
        Assert.Equal("/run/agents/remote.sock", kh.IdentityAgent);
    }

    [Fact]
    public void Match_exec_is_a_warning_at_its_line_and_the_block_does_not_match()
    {
        var resolver = Load(
            """
            Match host app exec "test -f /tmp/flag"
              User from-exec
            """
        );

        var app = resolver.Resolve("app");

        Assert.Null(app.User);
        var warning = Assert.Single(app.Diagnostics);
        Assert.Equal(
            ("RB0084", Severity.Warning, new SourceSpan(Config, 1, 16, 4)),
            (warning.Code, warning.Severity, warning.Span)
        );
        Assert.Equal("Match exec is not supported: Runbook treats this Match block as not matching", warning.Message);
        Assert.Empty(resolver.Resolve("other").Diagnostics); // 'host app' already failed: exec would not run
    }

    [Fact]
    public void A_setting_that_changes_which_host_key_is_trusted_is_warned_about_only_for_the_hosts_it_applies_to()
    {
        var resolver = Load(
            """
            Host aliased
              HostKeyAlias shared-key
            Host *
              ForwardAgent yes
              ControlMaster auto
            """
        );

        var warning = Assert.Single(resolver.Resolve("aliased").Diagnostics);
        Assert.Equal(("RB0084", 2), (warning.Code, warning.Span.Line));
        Assert.Empty(resolver.Resolve("other").Diagnostics);
    }

    [Fact]
    public void A_ProxyCommand_that_applies_is_an_error_because_Runbook_cannot_run_it()
    {
        var resolver = Load(
            """
            Host legacy
              ProxyCommand nc -X 5 -x proxy:1080 %h %p
            """
        );

        var error = Assert.Single(resolver.Resolve("legacy").Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(("RB0084", 2, 3), (error.Code, error.Span.Line, error.Span.Column));
        Assert.Contains("use ProxyJump", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int, int, string> Malformed() =>
        new()
        {
            { "Host x\n  Port 70000\n", "RB0082", 2, 8, "bad port '70000'" },
            { "Host x\n  Hostnme typo\n", "RB0081", 2, 3, "unknown ssh_config keyword 'Hostnme'" },
            { "Host x\n  IdentityFile \"/keys/a\n", "RB0080", 2, 16, "a quote is not closed" },
            { "Host x\n  User alice bob\n", "RB0080", 2, 14, "User takes one value; 'bob' is extra" },
            { "Host nowhere\n  ConnectTimeout 5x\n", "RB0082", 2, 18, "bad time '5x' for ConnectTimeout" },
            {
                "Host x\n  ServerAliveCountMax three\n",
                "RB0082",
                2,
                23,
                "bad number 'three' for ServerAliveCountMax: integer value invalid"
            },
            {
                "Host x\n  ServerAliveCountMax -1\n",
                "RB0082",
                2,
                23,
                "bad number '-1' for ServerAliveCountMax: integer value too small"
            },
            { "Host x\n  ProxyJump bastion:port\n", "RB0082", 2, 13, "bad ProxyJump 'bastion:port'" },
            { "Match host\n", "RB0080", 1, 7, "Match host needs a value" },
            { "Match hostname x\n", "RB0080", 1, 7, "unknown Match criterion 'hostname'" },
            { "Host x\n  HostName\n", "RB0080", 2, 3, "no argument after keyword 'HostName'" },
            { "Host x\n  StrictHostKeyChecking maybe\n", "RB0082", 2, 25, "StrictHostKeyChecking cannot be 'maybe'" },
            {
                "Host x\n  UserKnownHostsFile none ~/kh\n",
                "RB0082",
                2,
                22,
                "UserKnownHostsFile 'none' must appear alone"
            },
        };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_line_is_an_error_at_its_file_line_and_column_whichever_host_it_is_for(
        string text,
        string code,
        int line,
        int column,
        string message
    )
    {
        var resolver = Load(text);

        var error = Assert.Single(resolver.Diagnostics);
        Assert.Equal(
            (code, Severity.Error, Config, line, column, message),
            (error.Code, error.Severity, error.Span.File, error.Span.Line, error.Span.Column, error.Message)
        );
    }

    [Fact]
    public void Diagnostics_print_with_the_source_line_and_a_caret()
    {
        var resolver = Load("Host x\n  Port 70000\n");

        var text = DiagnosticFormatter.Format(
            resolver.Diagnostics,
            path => new SourceText(path, File.ReadAllText(path))
        );

        Assert.Equal(
            $"""
            {Config}:2:8: error RB0082: bad port '70000'
              |
            2 |   Port 70000
              |        ^^^^^
              = hint: write a port number from 1 to 65535 or a service name from /etc/services

            1 error, 0 warnings

            """,
            text
        );
    }

    [Fact]
    public void An_unknown_keyword_named_by_IgnoreUnknown_before_it_is_skipped()
    {
        var resolver = Load(
            """
            IgnoreUnknown UseKeychain
            Host mac
              UseKeychain yes
              HostName mac.example.net
            """
        );

        Assert.Empty(resolver.Diagnostics);
        Assert.Equal("mac.example.net", resolver.Resolve("mac").HostName);
    }

    [Fact]
    public void An_include_that_includes_itself_is_an_error_not_a_hang()
    {
        var resolver = Load($"Include {Config}\n");

        var error = Assert.Single(resolver.Diagnostics);
        Assert.Equal(("RB0083", 1), (error.Code, error.Span.Line));
        Assert.Contains("more than 16 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_Include_is_read_from_the_users_ssh_directory_in_glob_order()
    {
        var ssh = Path.Combine(_dir, "home", ".ssh", "conf.d");
        Directory.CreateDirectory(ssh);
        File.WriteAllText(Path.Combine(ssh, "20-b.conf"), "Host app\n  User from-b\n  Port 2002\n");
        File.WriteAllText(Path.Combine(ssh, "10-a.conf"), "Host app\n  User from-a\n");
        var resolver = Load("Include conf.d/*.conf\n");

        var app = resolver.Resolve("app");

        Assert.Empty(resolver.Diagnostics);
        Assert.Equal(("from-a", 2002), (app.User, app.Port));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_group_writable_included_file_is_refused_as_ssh_refuses_it()
    {
        var included = Path.Combine(_dir, "shared.conf");
        File.WriteAllText(included, "Host *\n  User shared\n");
        File.SetUnixFileMode(
            included,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        );

        var resolver = Load($"Include {included}\n");

        var error = Assert.Single(resolver.Diagnostics);
        Assert.Equal(("RB0083", 1, 9), (error.Code, error.Span.Line, error.Span.Column));
        Assert.Equal($"bad permissions on {included}: it is writable by others, so ssh refuses it", error.Message);
    }

    [Fact]
    public void The_default_source_reads_the_users_file_then_the_system_file()
    {
        var home = Path.Combine(_dir, "home");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        File.WriteAllText(Path.Combine(home, ".ssh", "config"), "Host app\n  User from-user-file\n");
        var system = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(system, "Host *\n  User from-system\n  Port 2200\n");

        var resolver = SshConfigResolver.Load(SshConfigSource.Default with { SystemFile = system }, Environment());
        var app = resolver.Resolve("app");

        Assert.Equal(("from-user-file", 2200), (app.User, app.Port));
        Assert.Equal([Path.Combine(home, ".ssh", "config"), system], resolver.FilesRead);
    }

    [Fact]
    public void A_missing_file_given_like_ssh_F_is_an_error()
    {
        var resolver = SshConfigResolver.Load(SshConfigSource.File(Path.Combine(_dir, "absent")), Environment());

        var error = Assert.Single(resolver.Diagnostics);
        Assert.Equal(
            ("RB0083", $"ssh_config file {Path.Combine(_dir, "absent")} does not exist"),
            (error.Code, error.Message)
        );
    }
}
