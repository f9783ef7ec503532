using System.Globalization;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>Small phrases shared by the text and markdown plans, so both say the same thing the same way.</summary>
internal static class PlanText
{
    public static string Attributes(StepNode step)
    {
        if (step.SkipReason is not null)
            return $"skipped: {step.SkipReason}";
        var parts = new List<string>();
        if (step.Work is { } work)
            parts.Add(work.Phrase);
        if (step.Local)
            parts.Add("on local");

        if (Become(step) is { } become)
            parts.Add(become);
        if (step.Disrupts is { } disrupts)
            parts.Add(disrupts.ToString());
        if (step.Timeout is { } t)
            parts.Add($"timeout {t}");
        if (step.Retries is { } retries)
            parts.Add(retries.ToString());
        if (step.When is not null)
            parts.Add(step.Runtime?.When is null ? $"when {step.When}" : $"when {step.When} (at run time)");
        if (step.Runtime is { Reads.IsEmpty: false } runtime)
            parts.Add("runtime: " + string.Join(" ", runtime.Reads.Select(r => "captures." + r)));
        if (step.Capture is { } capture)
            parts.Add($"capture {capture}");
        if (step.Env.Length > 0)
            parts.Add("env " + string.Join(" ", step.Env.Select(e => $"{e.Name}={e.Display}")));
        if (step.Command?.Unquoted == true)
            parts.Add("UNQUOTED: uses | raw");
        if (step.IncludedFrom is { } file)
            parts.Add($"from {file}");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// "sudo", "sudo -u USER", with "(ansible_become)" when the inventory made the step escalate; "login user
    /// (become: false over ansible_become)" when the step refused it; null when the step runs as the login user.
    /// </summary>
    public static string? Become(StepNode step) =>
        step.InventoryBecome switch
        {
            InventoryBecome.Overridden => "login user (become: false over ansible_become)",
            _ when !step.Become => null,
            _ => (step.BecomeUser is { } user ? $"sudo -u {user}" : "sudo")
                + (step.InventoryBecome == InventoryBecome.Applied ? " (ansible_become)" : string.Empty),
        };

    public static string Check(CheckNode check) =>
        $"verify every {check.Every} within {check.Within}, expect {check.Expect}";

    /// <summary>A gate's check, with sudo first when it runs as root.</summary>
    public static string Check(GateNode gate) => (gate.Become ? "sudo, " : string.Empty) + Check(gate.Check);

    public static string Params(ParamValue p) =>
        p.Source switch
        {
            ParamSource.Default => $"{p.Name} = {p.Display} (default)",
            ParamSource.CommandLine => $"{p.Name} = {p.Display} (--param)",
            _ => $"{p.Name} = {p.Display} (environment)",
        };

    public static string Hosts(IReadOnlyCollection<string> hosts) =>
        hosts.Count == 0 ? "no hosts" : string.Join(", ", hosts);

    public static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture)
        + " "
        + (
            n == 1 ? noun
            : noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es"
            : noun + "s"
        );

    public static string Serial(PhaseNode phase)
    {
        var failures = phase.MaxFailPercent is { } p
            ? $"max_failures {phase.MaxFailures}, max_fail_percent {p}"
            : $"max_failures {phase.MaxFailures}";
        return $"serial {phase.Serial} -> {Count(phase.Batches.Length, "batch")}, {failures}";
    }

    /// <summary>"accepts RB1001 (quorum at risk): reason" for each risk the phase accepts.</summary>
    public static IEnumerable<string> AcceptedRisks(PhaseNode phase) =>
        phase.AcceptedRisks.Select(r => $"accepts {r.Code} ({Safety.RiskAcceptance.Title(r.Code)}): {r.Reason}");

    /// <summary>"lock NAME on any(...), first reachable of HOSTS: DIR/NAME (sudo)".</summary>
    public static string Lock(LockNode node) =>
        $"lock {node.Name} on {node.Target}, first reachable of {Hosts(node.Candidates)}: {node.Path}"
        + (node.Become ? " (sudo)" : string.Empty);

    /// <summary>The heading of a step run once for its batch, on the controller.</summary>
    public const string PerBatch = "once for the batch, on the controller";

    public static IEnumerable<string> CommandLines(Command command) => command.Display.TrimEnd().Split('\n');

    /// <summary>"gate" or "precondition", as the plan calls a check.</summary>
    public static string Noun(GateNode gate) => gate.IsPrecondition ? "precondition" : "gate";

    /// <summary>A host's clean-up lists that hold steps, each with its key: on_failure, then finally.</summary>
    public static IEnumerable<(string List, IReadOnlyList<StepNode> Steps)> Cleanup(HostCleanup cleanup)
    {
        if (!cleanup.OnFailure.IsEmpty)
            yield return (StepList.OnFailure.Key(), cleanup.OnFailure);
        if (!cleanup.Finally.IsEmpty)
            yield return (StepList.Finally.Key(), cleanup.Finally);
    }
}
