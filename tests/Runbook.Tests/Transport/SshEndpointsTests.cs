using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Model;
using Runbook.Transport;
using Runbook.Transport.SshConfig;

namespace Runbook.Tests.Transport;

/// <summary>
/// How the transport combines a host's settings (no connection is made): the inventory's explicit settings, then
/// ssh_config, then defaults; and what <see cref="SshTransport.Prepare"/> refuses before a run.
/// </summary>
public sealed class SshEndpointsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-endpoints-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string text)
    {
        var path = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(path, text);
        return path;
    }

    private SshTransportOptions Options(string config) =>
        new()
        {
            SshConfig = SshConfigSource.File(config),
            HomeDirectory = Path.Combine(_dir, "home"),
            DefaultUser = "operator",
        };

    /// <summary>The inventory's hosts as a compiled plan carries them: what the SSH transport is given.</summary>
    private static IReadOnlyCollection<HostEndpoint> Endpoints(InventoryDefinition inventory) =>
        [.. EndpointResolver.Resolve(inventory).Values];

    /// <summary>
    /// The transport's resolver over a plan of <paramref name="inventory"/>'s hosts; <see cref="For"/> takes an
    /// inventory host to its plan endpoint first, as the compiler does.
    /// </summary>
    private sealed class Planned(SshTransportOptions options, InventoryDefinition? inventory = null)
    {
        private static readonly InventoryDefinition None = Inventory(InventoryFormat.Native);
        private readonly InventoryDefinition _inventory = inventory ?? None;
        private readonly SshEndpoints _endpoints = new(options, Endpoints(inventory ?? None));

        public SshEndpoint For(HostDefinition host) => _endpoints.For(EndpointResolver.For(_inventory, host));
    }

    private static HostDefinition Host(
        string name,
        string? address = null,
        int? port = null,
        string? user = null,
        string? identity = null,
        string? jump = null
    ) =>
        new(
            name,
            address ?? name,
            port ?? 22,
            user,
            [],
            new Dictionary<string, string>(),
            new Dictionary<string, object?>(),
            jump,
            identity,
            new SourceSpan("inventory.yaml", 3, 3)
        )
        {
            AddressGiven = address is not null,
            PortGiven = port is not null,
        };

    private static InventoryDefinition Inventory(InventoryFormat format, params HostDefinition[] hosts) =>
        new("test", format, hosts, null, new SourceText("inventory.yaml", ""));

    [Fact]
    public void The_inventory_wins_ssh_config_fills_in_and_defaults_come_last()
    {
        var config = Config(
            """
            Host db
              HostName 10.0.0.5
              Port 2222
              User from-config
              ConnectTimeout 3
            """
        );
        var endpoints = new Planned(Options(config));

        var byAlias = endpoints.For(Host("db"));
        var explicitPort = endpoints.For(Host("db", port: 22, user: "from-inventory"));
        var other = endpoints.For(Host("other"));

        Assert.Equal(("10.0.0.5", 2222, "from-config"), (byAlias.Host.Address, byAlias.Host.Port, byAlias.User));
        Assert.Equal(TimeSpan.FromSeconds(3), byAlias.ConnectTimeout);
        Assert.Equal(
            ("10.0.0.5", 22, "from-inventory"),
            (explicitPort.Host.Address, explicitPort.Host.Port, explicitPort.User)
        );
        Assert.Equal(("other", 22, "operator"), (other.Host.Address, other.Host.Port, other.User));
        Assert.Equal(TimeSpan.FromSeconds(10), other.ConnectTimeout);
    }

    [Fact]
    public void An_Ansible_host_is_resolved_under_its_address_as_Ansible_runs_ssh()
    {
        var config = Config(
            """
            Host web1
              User by-name
            Host 10.1.1.*
              User by-address
            """
        );
        var web1 = Host("web1", address: "10.1.1.7");
        var endpoints = new Planned(Options(config), Inventory(InventoryFormat.AnsibleIni, web1));

        Assert.Equal("by-address", endpoints.For(web1).User);
    }

    [Fact]
    public void A_native_host_is_resolved_under_its_name_with_its_address_as_HostName()
    {
        var config = Config(
            """
            Host web1
              User by-name
              HostName ignored.example.net
            """
        );
        var web1 = Host("web1", address: "10.1.1.7");
        var endpoints = new Planned(Options(config), Inventory(InventoryFormat.Native, web1));

        var endpoint = endpoints.For(web1);

        Assert.Equal(("by-name", "10.1.1.7"), (endpoint.User, endpoint.Host.Address));
    }

    [Fact]
    public void ProxyJump_hops_are_resolved_through_ssh_config_and_the_inventory_jump_wins_over_it()
    {
        var config = Config(
            """
            Host app
              ProxyJump ops@outer:2200,inner
            Host outer
              HostName 192.0.2.1
            Host inner
              HostName 10.0.0.1
              ProxyJump ignored-for-a-later-hop
            Host *
              User deploy
            """
        );
        var bastion = Host("bastion", address: "192.0.2.9");
        var endpoints = new Planned(Options(config), Inventory(InventoryFormat.Native, bastion));

        var app = endpoints.For(Host("app"));
        var pinned = endpoints.For(Host("app", jump: "bastion"));

        Assert.Equal(
            ["ops@192.0.2.1:2200", "deploy@10.0.0.1:22"],
            app.Jumps.Select(j => $"{j.User}@{j.Host.Address}:{j.Host.Port}")
        );
        Assert.Equal(["192.0.2.9"], pinned.Jumps.Select(j => j.Host.Address));
    }

    [Fact]
    public void Host_key_policy_and_known_hosts_files_come_from_ssh_config_unless_the_transport_is_told()
    {
        var config = Config(
            """
            Host fleet-*
              StrictHostKeyChecking accept-new
              UserKnownHostsFile ~/.ssh/fleet_known_hosts /shared/known_hosts
              GlobalKnownHostsFile /etc/ssh/fleet_global
            """
        );
        var home = Path.Combine(_dir, "home");

        var fromConfig = new Planned(Options(config)).For(Host("fleet-1"));
        var told = new Planned(Options(config) with { HostKeyPolicy = HostKeyPolicy.Strict }).For(Host("fleet-1"));
        var other = new Planned(Options(config)).For(Host("other"));

        Assert.Equal(HostKeyPolicy.AcceptNew, fromConfig.Policy);
        Assert.Equal(
            [$"{home}/.ssh/fleet_known_hosts", "/shared/known_hosts", "/etc/ssh/fleet_global"],
            fromConfig.KnownHostsFiles
        );
        Assert.Equal($"{home}/.ssh/fleet_known_hosts", fromConfig.KnownHostsWriteFile);
        Assert.Equal(HostKeyPolicy.Strict, told.Policy);
        Assert.Equal(HostKeyPolicy.Strict, other.Policy);
        Assert.Equal(
            [$"{home}/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"],
            other.KnownHostsFiles
        );
    }

    [Fact]
    public void Without_ssh_config_a_host_is_connected_to_exactly_as_the_inventory_says()
    {
        var options = new SshTransportOptions { DefaultUser = "operator", HomeDirectory = _dir };
        var endpoint = new Planned(options).For(Host("Mixed-Case"));

        Assert.Equal(
            ("Mixed-Case", 22, "operator", HostKeyPolicy.Strict),
            (endpoint.Host.Address, endpoint.Host.Port, endpoint.User, endpoint.Policy)
        );
        Assert.Equal([Path.Combine(_dir, ".ssh", "known_hosts")], endpoint.KnownHostsFiles);
        Assert.Null(endpoint.Agent);
    }

    [Fact]
    public async Task Prepare_reports_a_malformed_ssh_config_line_at_its_file_line_and_column()
    {
        var config = Config("Host db\n  Port 22x\n");
        var hosts = Endpoints(Inventory(InventoryFormat.Native, Host("db")));
        await using var transport = new SshTransport(Options(config), hosts);

        var error = Assert.Single(Assert.Throws<InvalidInputException>(transport.Prepare).Diagnostics);

        Assert.Equal(
            ("RB0082", new SourceSpan(config, 2, 8, 3), "bad port '22x'"),
            (error.Code, error.Span, error.Message)
        );
    }

    [Fact]
    public async Task Prepare_reports_identity_files_that_are_missing_or_do_not_load_before_anything_runs()
    {
        var garbage = Path.Combine(_dir, "not-a-key");
        File.WriteAllText(garbage, "this is not a private key\n");
        var config = Config($"Host from-config\n  IdentityFile {garbage}\n");
        var inventory = Inventory(
            InventoryFormat.Native,
            Host("missing", identity: "/nonexistent/key"),
            Host("from-config")
        );
        await using var transport = new SshTransport(Options(config), Endpoints(inventory));

        var errors = Assert.Throws<InvalidInputException>(transport.Prepare).Diagnostics;

        var missing = Assert.Single(errors);
        Assert.Equal(
            (
                "RB0085",
                new SourceSpan("inventory.yaml", 3, 3),
                "missing: identity_file /nonexistent/key does not exist"
            ),
            (missing.Code, missing.Span, missing.Message)
        );

        var configOnly = Inventory(InventoryFormat.Native, Host("from-config"));
        await using var second = new SshTransport(Options(config), Endpoints(configOnly));
        var unloadable = Assert.Single(Assert.Throws<InvalidInputException>(second.Prepare).Diagnostics);
        Assert.Equal(("RB0085", new SourceSpan(config, 2, 3, 12)), (unloadable.Code, unloadable.Span));
        Assert.StartsWith(
            $"from-config: cannot load the private key {garbage}: ",
            unloadable.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Prepare_passes_warnings_for_settings_Runbook_does_not_apply_to_the_warn_callback()
    {
        var config = Config("Host db\n  HostKeyAlias shared\n");
        var warned = new List<string>();
        var options = Options(config) with { Warn = warned.Add };
        var hosts = Endpoints(Inventory(InventoryFormat.Native, Host("db")));
        await using var transport = new SshTransport(options, hosts);

        transport.Prepare();

        var text = Assert.Single(warned);
        Assert.StartsWith(
            $"{config}:2:3: warning RB0084: HostKeyAlias is not supported",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("2 |   HostKeyAlias shared", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_whose_settings_are_wrong_is_unreachable_with_the_line_that_says_so()
    {
        var config = Config("Host legacy\n  ProxyCommand nc %h %p\n");

        var endpoints = new Planned(Options(config));

        var error = Assert.Throws<HostUnreachableException>(() => endpoints.For(Host("legacy")));

        Assert.Equal(
            $"{config}:2:3: ProxyCommand is not supported: Runbook cannot connect through a command; use ProxyJump",
            error.Reason
        );
    }

    [Fact]
    public void Without_ssh_config_a_connection_sends_a_keepalive_every_10_s_and_gives_up_after_3_unanswered()
    {
        var endpoints = new Planned(Options(Config("# nothing\n")));

        var keepAlive = endpoints.For(Host("plain")).KeepAlive;

        Assert.Equal(new KeepAliveSettings(TimeSpan.FromSeconds(10), 3), keepAlive);
        Assert.Equal(30, keepAlive.DeadlineSeconds);
    }

    [Fact]
    public void Ssh_configs_ServerAliveInterval_and_ServerAliveCountMax_set_the_keepalives()
    {
        var config = Config(
            """
            Host quick
              ServerAliveInterval 2
              ServerAliveCountMax 5
            Host off
              ServerAliveInterval 0
            Host hasty
              ServerAliveCountMax 0
            """
        );
        var endpoints = new Planned(Options(config));

        Assert.Equal(new KeepAliveSettings(TimeSpan.FromSeconds(2), 5), endpoints.For(Host("quick")).KeepAlive);
        // 0 turns keepalives off, as it does for ssh.
        Assert.False(endpoints.For(Host("off")).KeepAlive.Enabled);
        // ssh gives up at the first silent interval with 0; one unanswered keepalive is the least that means anything.
        Assert.Equal(new KeepAliveSettings(TimeSpan.FromSeconds(10), 1), endpoints.For(Host("hasty")).KeepAlive);
    }

    [Fact]
    public void The_SSH_NET_internals_that_dead_peer_detection_sends_its_keepalives_through_are_there()
    {
        // SshKeepAlive reaches three internals of the pinned SSH.NET; an upgrade that moves them must fail here, not
        // leave every run without dead-peer detection.
        Assert.Null(SshKeepAlive.Unsupported);
    }
}
