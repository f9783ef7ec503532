using System.Text;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Benchmarks;

/// <summary>A generated fleet: a 20-step runbook and an inventory of N hosts in three roles.</summary>
internal static class FleetInputs
{
    public static RunbookDefinition Runbook(string serial)
    {
        var yaml = new StringBuilder(
            $$"""
            runbook: fleet-bench
            params:
              settle: { type: duration, default: 30s }
              data_dir: { default: /var/lib/rancher/rke2 }
            vars:
              unit: rke2-server
            phases:
              - name: fleet
                hosts: role in (etcd, control-plane, worker)
                serial: {{serial}}
                steps:

            """
        );
        for (var i = 1; i <= 20; i++)
        {
            var step = (i % 5) switch
            {
                0 => $"      - name: step {i}\n        verify: {{ run: \"systemctl is-active {{{{ vars.unit }}}}\", "
                    + "expect: { stdout: active }, every: 5s, within: 1m }\n",
                1 => $"      - name: step {i}\n        run: systemctl restart {{{{ vars.unit }}}}\n        become: "
                    + $"true\n",
                2 => $"      - name: step {i}\n        run: \"curl -fsS "
                    + $"https://{{{{ host.address }}}}:{{{{ host.port }}}}/readyz --resolve "
                    + $"{{{{ host.name }}}}:443:{{{{ host.address }}}}\"\n",
                3 => $"      - name: step {i}\n        run: \"echo {{{{ host.vars.zone | default: 'none' }}}} "
                    + $"{{{{ params.data_dir }}}}/server/tls/{{{{ host.name }}}}.crt\"\n",
                _ => $"      - name: step {i}\n        wait: \"{{{{ params.settle }}}}\"\n",
            };
            yaml.Append(step);
        }

        yaml.Append(
            """
                gates:
                  - name: etcd healthy
                    on: any(role=etcd)
                    verify: { run: "etcdctl endpoint health --cluster", every: 10s, within: 5m }

            """
        );
        var bag = new DiagnosticBag();
        var runbook = RunbookReader.Read(
            SourceLoader.ParseYaml(new SourceText("bench.yaml", yaml.ToString()), bag),
            bag
        );
        if (bag.HasErrors)
            throw new InvalidOperationException(DiagnosticFormatter.Format(bag.ToSortedList(), _ => null));
        return runbook!;
    }

    public static InventoryDefinition Inventory(int hosts)
    {
        string[] roles = ["etcd", "control-plane", "worker"];
        var list = new List<HostDefinition>(hosts);
        for (var i = 0; i < hosts; i++)
        {
            var role =
                i < 3 ? roles[0]
                : i < 5 ? roles[1]
                : roles[2];
            list.Add(
                new HostDefinition(
                    $"node-{i:D5}",
                    $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}",
                    22,
                    "root",
                    [role],
                    new SortedDictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["zone"] = ((char)('a' + i % 3)).ToString(),
                    },
                    new SortedDictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["zone"] = ((char)('a' + i % 3)).ToString(),
                    },
                    null,
                    null,
                    new SourceSpan("bench-inventory.yaml", i + 1, 1)
                )
            );
        }

        return new InventoryDefinition(
            "bench",
            InventoryFormat.Native,
            list,
            null,
            new SourceText("bench-inventory.yaml", string.Empty)
        );
    }
}
