using System.Collections.Concurrent;
using Runbook.Graph;
using Runbook.Templating;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// Checks, before the first step, every host the plan touches (its batches, the candidates of its once steps and
/// gates): that it can be reached, that its host key and our credentials are accepted, that sudo works without a
/// prompt where the plan becomes root, and that the commands steps and gates list in 'requires' are there
/// (<c>command -v</c>). At most --forks hosts at a time, through the run's own connection pool, so the connections
/// opened here are the ones the steps then use: each is pinned in the pool (kept past --forks) until the host's last
/// batch, so that no host connects twice. Every problem is reported (one event per host) before the run stops:
/// without it, a host that is down in phase 3 is found after phases 1 and 2 restarted servers.
/// </summary>
internal static class Preflight
{
    /// <summary>How long one check command may take on a host.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What the plan needs of one host.</summary>
    internal sealed class HostNeeds(string host)
    {
        public string Host { get; } = host;

        public bool Become { get; set; }

        /// <summary>
        /// True when the plan cannot do without the host: it runs steps there, or a gate checks every candidate.
        /// A host that is only a candidate of 'on: any(...)' may be down while another candidate is ready.
        /// </summary>
        public bool Required { get; set; }

        /// <summary>The any(...) targets the host is a candidate of, as written, with their candidates.</summary>
        public List<(string Target, IReadOnlyList<string> Candidates)> AnyOf { get; } = [];

        /// <summary>Commands needed as the login user, and as root (under sudo, for steps with become).</summary>
        public SortedSet<string> Tools { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> BecomeTools { get; } = new(StringComparer.Ordinal);

        /// <summary>Commands the host's 'on: local' steps need: looked for on the controller, where they run.</summary>
        public SortedSet<string> ControllerTools { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs the preflight: null when every host is ready, else the outcome that stops the run
    /// (<see cref="RunOutcome.Unreachable"/> if any host could not be reached or authenticated,
    /// <see cref="RunOutcome.PreflightFailed"/> otherwise).
    /// </summary>
    public static async Task<RunOutcome?> RunAsync(RunContext ctx)
    {
        var needs = Needs(ctx.Graph);
        var started = ctx.Time.GetTimestamp();
        ctx.Events.Publish(new PreflightStarted(needs.Count));
        var results = new ConcurrentDictionary<string, (StepStatus Status, List<string> Problems)>(
            StringComparer.Ordinal
        );
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ctx.Forks.Size, CancellationToken = ctx.Abort };
        await Parallel.ForEachAsync(
            needs,
            parallel,
            async (host, _) => results[host.Host] = await CheckAsync(ctx, host)
        );

        // Published in the plan's host order once all are known, so the report reads the same from run to run.
        var failed = new List<StepStatus>();
        foreach (var host in needs)
        {
            var (status, problems) = results[host.Host];
            if (status != StepStatus.Ok)
            {
                var spare = host.Required ? null : Spare(host, results);
                if (spare is null)
                    failed.Add(status);
                else
                    problems.Add(spare);
            }

            ctx.Events.Publish(new PreflightChecked(host.Host, status, problems));
        }

        ctx.Events.Publish(new PreflightFinished(needs.Count, failed.Count, ctx.Time.GetElapsedTime(started)));
        if (failed.Contains(StepStatus.Unreachable))
            return RunOutcome.Unreachable;
        return failed.Count > 0 ? RunOutcome.PreflightFailed : null;
    }

    /// <summary>
    /// Why a host that is not ready does not stop the run: every any(...) target it is a candidate of has another
    /// candidate that is ready. Null when one has none.
    /// </summary>
    private static string? Spare(
        HostNeeds host,
        ConcurrentDictionary<string, (StepStatus Status, List<string> Problems)> results
    )
    {
        foreach (var (_, candidates) in host.AnyOf)
        {
            if (!candidates.Any(c => results.TryGetValue(c, out var r) && r.Status == StepStatus.Ok))
                return null;
        }

        var targets = string.Join(", ", host.AnyOf.Select(a => a.Target).Distinct(StringComparer.Ordinal));
        return $"not needed: another candidate of {targets} is ready";
    }

    /// <summary>The hosts the plan touches, in the order it first touches them, with what each must have.</summary>
    internal static IReadOnlyList<HostNeeds> Needs(ExecutionGraph graph)
    {
        var byHost = new Dictionary<string, HostNeeds>(StringComparer.Ordinal);
        var order = new List<HostNeeds>();
        HostNeeds Of(string host)
        {
            if (!byHost.TryGetValue(host, out var needs))
            {
                byHost[host] = needs = new HostNeeds(host);
                order.Add(needs);
            }

            return needs;
        }

        void Add(string host, bool become, IEnumerable<string> requires)
        {
            var needs = Of(host);
            needs.Become |= become;
            (become ? needs.BecomeTools : needs.Tools).UnionWith(requires);
        }

        foreach (var segment in graph.Phases.SelectMany(p => p.Batches).SelectMany(b => b.Segments))
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var sequence in hosts.Hosts)
                    {
                        Of(sequence.Host).Required = true;
                        foreach (var step in sequence.Steps.Where(s => s.Work is not null))
                        {
                            if (step.Local)
                                Of(sequence.Host).ControllerTools.UnionWith(step.Requires);
                            else
                                Add(sequence.Host, step.Become, step.Requires);
                        }
                    }

                    break;
                case OnceSegment once:
                    foreach (var candidate in once.Candidates)
                    {
                        Of(candidate).AnyOf.Add(($"'on: {once.Target}'", once.Candidates));
                        var step = once.StepFor(candidate);
                        Add(candidate, step.Work is not null && step.Become, step.Work is null ? [] : step.Requires);
                    }

                    break;
                case GateNode gate:
                    foreach (var candidate in gate.Candidates)
                    {
                        Add(candidate, gate.Become, gate.Requires);
                        if (gate.Mode == Model.TargetMode.All)
                            Of(candidate).Required = true;
                        else
                            Of(candidate).AnyOf.Add(($"gate '{gate.Name}'", gate.Candidates));
                    }

                    break;
            }
        }

        return order;
    }

    private static async Task<(StepStatus, List<string>)> CheckAsync(RunContext ctx, HostNeeds needs)
    {
        var problems = new List<string>();
        if (needs.ControllerTools.Count > 0)
        {
            var controller = new List<string>();
            var local = await ctx.Connections.LocalAsync(needs.Host).ConfigureAwait(false);
            await MissingAsync(ctx, local, needs.ControllerTools, become: false, controller).ConfigureAwait(false);
            problems.AddRange(controller.Select(p => $"on the controller ('on: local' steps): {p}"));
        }

        // Held while its checks run, so that the pool does not close the connection between them.
        await using var hold = ctx.Connections.Hold(needs.Host);
        try
        {
            var connection = await ctx.Connections.GetAsync(needs.Host).ConfigureAwait(false);
            ctx.Connections.Pin(needs.Host);
            var sudo = true;
            if (needs.Become)
            {
                var result = await RunAsync(ctx, connection, "true", become: true).ConfigureAwait(false);
                if (result.ExitCode != 0)
                {
                    sudo = false;
                    // sudo runs as the host's ansible_become_user (the transport adds -u): the check names it.
                    var user = ctx.Graph.Endpoints.GetValueOrDefault(needs.Host)?.BecomeUser;
                    var check = user is null ? "sudo -n true" : $"sudo -n -u {user} true";
                    problems.Add($"sudo refused ({check}: {Why(result)}): steps with become cannot run");
                }
            }

            await MissingAsync(ctx, connection, needs.Tools, become: false, problems).ConfigureAwait(false);
            if (sudo)
                await MissingAsync(ctx, connection, needs.BecomeTools, become: true, problems).ConfigureAwait(false);
            return (problems.Count == 0 ? StepStatus.Ok : StepStatus.Failed, problems);
        }
        catch (HostUnreachableException ex)
        {
            // Host key and authentication refusals are HostUnreachableExceptions too: the reason says which.
            return (StepStatus.Unreachable, [ex.Reason, .. problems]);
        }
    }

    /// <summary>Looks for <paramref name="tools"/> with <c>command -v</c>, one command for all of them.</summary>
    private static async Task MissingAsync(
        RunContext ctx,
        IHostConnection connection,
        SortedSet<string> tools,
        bool become,
        List<string> problems
    )
    {
        if (tools.Count == 0)
            return;
        var names = string.Join(' ', tools.Select(ShellQuote.Quote));
        var script = $"for t in {names}; do command -v \"$t\" >/dev/null 2>&1 || printf '%s\\n' \"$t\"; done";
        var result = await RunAsync(ctx, connection, script, become).ConfigureAwait(false);
        var missing = result
            .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        if (result.ExitCode != 0)
            problems.Add($"cannot look for {string.Join(", ", tools)}: {Why(result)}");
        else if (missing.Count > 0)
        {
            var user = ctx.Graph.Endpoints.GetValueOrDefault(connection.Host)?.BecomeUser ?? "root";
            problems.Add(
                $"missing command{(missing.Count == 1 ? "" : "s")}{(become ? $" (as {user})" : "")}: "
                    + string.Join(", ", missing)
            );
        }
    }

    private static Task<CommandResult> RunAsync(
        RunContext ctx,
        IHostConnection connection,
        string script,
        bool become
    ) => connection.ExecuteAsync(new RemoteCommand(script, become, CommandTimeout, []), null, ctx.Abort);

    private static string Why(CommandResult result)
    {
        var line = result
            .Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        var exit = result.TimedOut ? "timed out" : $"exit {result.ExitCode}";
        return line is null ? exit : $"{exit}, {line}";
    }
}
