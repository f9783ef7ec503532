namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// Ansible host patterns and the hosts `ansible PATTERN --list-hosts` prints for AnsibleCorpus/host-patterns, in its
/// order: HostLimitTests checks Runbook against them, AnsibleHostPatternOracleTests checks them against Ansible.
/// </summary>
internal static class HostPatternCases
{
    public static TheoryData<string, string> Patterns =>
        new()
        {
            { "all", "solo web1 db1 lb1 2001:db8::1 2001:db8::2 web2 web3 db2" },
            { "*", "solo web1 db1 lb1 2001:db8::1 2001:db8::2 web2 web3 db2" },
            { "web", "web1 web2 web3" },
            { "web:db", "web1 web2 web3 db1 db2" },
            { "web,db", "web1 web2 web3 db1 db2" },
            { "web, db", "web1 web2 web3 db1 db2" },
            { "web:&zone_a", "web1" },
            { "stack:!web", "lb1 db1 db2" },
            { "!web", "solo db1 lb1 2001:db8::1 2001:db8::2 db2" },
            { "&web", "web1 web2 web3" },
            { "~web[12]", "web1 web2" },
            { "~^(db|lb)", "db1 db2 lb1" },
            { "web[0]", "web1" },
            { "web[-1]", "web3" },
            { "web[1:]", "web2 web3" },
            { "web[0:1]", "web1 web2" },
            { "stack[1:2]", "web1 web2" },
            { "stack[0:0]", "lb1" },
            { "w*", "web1 web2 web3" },
            { "*1", "web1 db1 lb1 2001:db8::1" },
            { "db?:lb*", "db1 db2 lb1" },
            { "[dw]*1", "web1 db1" },
            { "db1:web2", "db1 web2" },
            { "zone_a:&db", "db1" },
            { "web:!web2:&zone_a", "web1" },
            { "web[0]:db[-1]", "web1 db2" },
            { "all:!stack", "solo 2001:db8::1 2001:db8::2" },
            { "ungrouped", "solo" },
            { "2001:db8::1", "2001:db8::1" },
            { "v6[1]", "2001:db8::2" },
            { "nosuch", "" },
        };
}
