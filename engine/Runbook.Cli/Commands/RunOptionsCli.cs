using System.CommandLine;

namespace Runbook.Cli.Commands;

/// <summary>The options of <c>runbook run</c> besides the runbook, inventory and params.</summary>
internal sealed class RunOptionsCli
{
    public Option<int> Forks { get; } =
        new("--forks")
        {
            Description = "The most hosts of a batch that run at the same time",
            DefaultValueFactory = _ => 50,
        };

    public Option<string?> Events { get; } =
        new("--events") { Description = "Write every event as a JSON line to FILE, or to stdout with -" };

    public Option<string?> Resume { get; } =
        new("--resume") { Description = "Continue the run with this id (or 'last') after its last completed steps" };

    public Option<bool> Force { get; } =
        new("--force") { Description = "Resume even when the runbook, inventory or params changed" };

    public Option<bool> NoLive { get; } = new("--no-live") { Description = "Plain line output even on a terminal" };

    public Option<string> HostKeyPolicy { get; } =
        new Option<string>("--host-key-policy")
        {
            Description = "How to treat SSH host keys: strict (known_hosts only), accept-new, off",
            DefaultValueFactory = _ => "strict",
        }.AcceptOnlyFromAmong("strict", "accept-new", "off");

    public Option<string?> SshConfig { get; } =
        new("--ssh-config")
        {
            Description =
                "Read only this ssh_config FILE, as ssh -F does ('none' reads none); default: the inventory's "
                + "ssh_config, else ~/.ssh/config and /etc/ssh/ssh_config",
        };

    public Option<bool> Lab { get; } =
        new("--lab")
        {
            Description =
                "Run against a local lab fleet made from the inventory (one sshd per host on 127.0.0.0/8), started "
                + "for this run and stopped after it",
        };

    public Option<string?> LabCluster { get; } =
        new Option<string?>("--lab-cluster")
        {
            Description = "With --lab: also run a lab cluster on the fleet: rke2, etcd or kubeadm (see docs/lab.md)",
        }.AcceptOnlyFromAmong(
            Runbook.Lab.LabCluster.Rke2,
            Runbook.Lab.LabCluster.Etcd,
            Runbook.Lab.KubeadmCluster.Kind
        );

    public Option<bool> Approve { get; } =
        new("--approve")
        {
            Description =
                "With --resume: approve the pause the run is waiting at, as RUNBOOK_APPROVER (else your user name)",
        };

    public Option<bool> Yes { get; } =
        new("--yes")
        {
            Description = "Approve every pause of the run in advance, as RUNBOOK_APPROVER (else your user name)",
        };

    public Option<bool> NoPreflight { get; } =
        new("--no-preflight")
        {
            Description = "Do not check every host (connection, sudo, required commands) before the first step",
        };

    public Option<bool> AllowConcurrent { get; } =
        new("--allow-concurrent")
        {
            Description =
                "Start even while another run of this runbook and inventory is going on or stopped unfinished",
        };

    public Option<bool> KillStale { get; } =
        new("--kill-stale")
        {
            Description =
                "With --resume: kill the commands of the run's earlier attempt still running on its hosts "
                + "(TERM, then KILL) instead of waiting for them to end",
        };

    public Option<string> DefaultTimeout { get; } =
        new("--default-timeout")
        {
            Description = "Timeout of every step without its own, e.g. 30m, 2h; 'none' for no limit (default 1h)",
        };

    public Option<string?> Plan { get; } =
        new("--plan")
        {
            Description =
                "Run only if the plan compiled now is the reviewed plan FILE ('runbook plan … --out FILE'): refuse, "
                + "with the diff, when anything differs (runbook, includes, inventory, params, ssh endpoints)",
        };

    public IEnumerable<Option> All =>
        [
            Plan,
            Forks,
            Events,
            Resume,
            Force,
            NoLive,
            HostKeyPolicy,
            SshConfig,
            Lab,
            LabCluster,
            Approve,
            Yes,
            NoPreflight,
            AllowConcurrent,
            KillStale,
            DefaultTimeout,
        ];
}
