using System.Diagnostics;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Model;

namespace Runbook.Tests.Inventories.Scripts;

/// <summary>
/// Executable inventories (Ansible's script protocol) and what goes wrong with them: each failure is one clear
/// diagnostic on the script, never an exception, and nothing is returned. Starts processes (the scripts, written to a
/// scratch directory): a lab test.
/// </summary>
public sealed class InventoryScriptTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("runbook-inventory-script-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_script_is_run_with_list_and_its_meta_hostvars_are_the_host_vars()
    {
        var script = Script(
            "inv.sh",
            """
            #!/bin/sh
            [ "$1" = "--list" ] || exit 3
            echo '{"web": {"hosts": ["w1"], "vars": {"tier": "front"}},'
            echo ' "_meta": {"hostvars": {"w1": {"ansible_host": "10.0.0.1", "ansible_become_password": "pw"}}}}'
            """
        );
        var (inventory, diagnostics) = Load(script);
        Assert.Empty(diagnostics);
        var host = Assert.Single(inventory!.Hosts);
        Assert.Equal(("w1", "10.0.0.1", "front"), (host.Name, host.Address, host.Vars["tier"]));
        Assert.Equal(InventoryFormat.AnsibleScript, inventory.Format);
        Assert.Equal("pw", host.BecomePassword!.Reveal());
        Assert.Equal(["pw"], inventory.Secrets);
    }

    [Fact]
    public void A_script_that_hangs_is_stopped_at_the_time_limit()
    {
        var script = Script("slow.sh", "#!/bin/sh\nsleep 30\n");
        var watch = Stopwatch.StartNew();
        var (inventory, diagnostics) = Load(script, TimeSpan.FromMilliseconds(500));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Null(inventory);
        var d = Assert.Single(diagnostics);
        Assert.Equal("RB0078", d.Code);
        Assert.Equal("the inventory script did not finish within 500 ms (slow.sh --list); it was stopped", d.Message);
    }

    [Theory]
    [InlineData(
        "echo 'Traceback (most recent call last):'",
        "inventory script bad.sh: --list printed something that is not JSON at line 1, column 1; "
            + "it begins: 'Traceback (most recent call last):'"
    )]
    [InlineData(
        "echo '{\"web\": [\"w1\"'",
        "inventory script bad.sh: --list printed something that is not JSON at line 2, column 1; "
            + "it begins: '{\"web\": [\"w1\"'"
    )]
    [InlineData("true", "inventory script bad.sh: --list printed nothing; an inventory script prints one JSON object")]
    [InlineData("echo '[1, 2]'", "inventory script bad.sh: --list printed a list, not a JSON object of groups")]
    [InlineData(
        "echo '{\"web\": {\"hosts\": \"w1\"}}'",
        "inventory script bad.sh: the hosts of group 'web' are a string, not a list of names"
    )]
    [InlineData(
        "echo '{\"web\": {\"hosts\": [\"w1\"], \"vars\": {\"ansible_port\": \"ssh\"}}}'",
        "'ansible_port' in the vars of group 'web' must be a whole number, not 'ssh'"
    )]
    [InlineData(
        "echo 'no such thing' >&2; exit 4",
        "the inventory script exited with status 4 (bad.sh --list): no such thing"
    )]
    [InlineData("printf '\\377\\376'", "the inventory script printed something that is not UTF-8 text (bad.sh --list)")]
    public void A_script_that_fails_or_prints_garbage_is_one_clear_error(string body, string message)
    {
        var (inventory, diagnostics) = Load(Script("bad.sh", "#!/bin/sh\n" + body + "\n"));
        Assert.Null(inventory);
        var d = Assert.Single(diagnostics);
        Assert.True(d.Code is "RB0078" or "RB0011", d.Code);
        Assert.Equal(message, d.Message);
        Assert.Equal(Path.Combine(_dir.FullName, "bad.sh"), d.Span.File);
    }

    [Fact]
    public void Without_meta_each_host_is_asked_for_with_host()
    {
        var script = Script(
            "old.sh",
            """
            #!/bin/sh
            case "$1" in
            --list) echo '{"g": ["a", "b"]}' ;;
            --host) [ "$2" = a ] && echo '{"n": 1}' || echo '' ;;
            esac
            """
        );
        var (inventory, diagnostics) = Load(script);
        Assert.Empty(diagnostics);
        Assert.Equal(1L, inventory!.Find("a")!.Vars["n"]);
        Assert.Empty(inventory.Find("b")!.Vars);
    }

    [Fact]
    public void A_file_with_a_shebang_that_is_not_executable_is_reported()
    {
        var path = Path.Combine(_dir.FullName, "inv.py");
        File.WriteAllText(path, "#!/usr/bin/env python3\nprint('{}')\n");
        var (inventory, diagnostics) = Load(path);
        Assert.Null(inventory);
        var d = Assert.Single(diagnostics);
        Assert.Equal("RB0078", d.Code);
        Assert.Equal("the file starts with '#!' but is not executable: is it an inventory script?", d.Message);
    }

    [Fact]
    public void A_script_whose_interpreter_is_missing_is_reported()
    {
        var (inventory, diagnostics) = Load(Script("gone.sh", "#!/no/such/interpreter\n"));
        Assert.Null(inventory);
        var d = Assert.Single(diagnostics);
        Assert.Equal("RB0078", d.Code);
        const string Expected = "the inventory script could not be started (gone.sh --list): ";
        Assert.StartsWith(Expected, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_executable_text_inventory_without_shebang_is_read_as_text()
    {
        var path = Script("hosts", "[web]\nw1\n");
        var (inventory, diagnostics) = Load(path);
        Assert.Empty(diagnostics);
        Assert.Equal(InventoryFormat.AnsibleIni, inventory!.Format);
    }

    private string Script(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static (InventoryDefinition? Inventory, IReadOnlyList<Diagnostic> Diagnostics) Load(
        string path,
        TimeSpan? timeout = null
    )
    {
        var diagnostics = new DiagnosticBag();
        var options = new InventoryLoadOptions { ScriptTimeout = timeout ?? TimeSpan.FromSeconds(20) };
        var inventory = InventoryLoader.Load([path], diagnostics, options);
        return (inventory, diagnostics.ToSortedList());
    }
}
