using Runbook.Graph;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>Runs a gate after a batch: on the first reachable candidate (any), or on every candidate (all).</summary>
internal static class GateRunner
{
    public static async Task<StepStatus> RunAsync(RunContext ctx, GateScope scope, GateNode gate)
    {
        StepStatus status;
        try
        {
            if (gate.Mode == TargetMode.Any)
            {
                status = await CandidateWalk.FirstReachableAsync(
                    ctx,
                    gate.Candidates,
                    (host, ex) => Unreachable(scope, host, ex)
                )
                    is var (host, connection)
                    ? await CheckAsync(ctx, scope, gate, host, connection)
                    : StepStatus.Unreachable;
            }
            else
            {
                var all = await Task.WhenAll(gate.Candidates.Select(h => CheckAsync(ctx, scope, gate, h, ctx.Forks)));
                status = all.FirstOrDefault(s => s != StepStatus.Ok, StepStatus.Ok);
            }
        }
        catch (OperationCanceledException) when (ctx.Abort.IsCancellationRequested)
        {
            status = StepStatus.Interrupted;
        }

        var why = status switch
        {
            StepStatus.Ok or StepStatus.Interrupted => null,
            StepStatus.Unreachable => "no reachable candidate host",
            _ => $"expected {gate.Check.Expect} within {gate.Check.Within}",
        };
        scope.Finished(status, why);
        return status;
    }

    /// <summary>Checks one candidate of an all(...) gate: its connect and each attempt take a fork while they
    /// run.</summary>
    private static async Task<StepStatus> CheckAsync(
        RunContext ctx,
        GateScope scope,
        GateNode gate,
        string host,
        ForkBudget forks
    )
    {
        IHostConnection connection;
        try
        {
            await forks.WaitAsync(ctx.Abort);
            try
            {
                connection = new ForkBoundConnection(await ctx.Connections.GetAsync(host), forks);
            }
            finally
            {
                forks.Release();
            }
        }
        catch (HostUnreachableException ex)
        {
            Unreachable(scope, host, ex);
            return StepStatus.Unreachable;
        }

        return await CheckAsync(ctx, scope, gate, host, connection);
    }

    private static void Unreachable(GateScope scope, string host, HostUnreachableException ex) =>
        scope.Attempt(host, StepStatus.Unreachable, ex.Reason);

    /// <summary>Runs the gate's check for one candidate over its connection, each attempt an event.</summary>
    private static async Task<StepStatus> CheckAsync(
        RunContext ctx,
        GateScope scope,
        GateNode gate,
        string host,
        IHostConnection connection
    )
    {
        try
        {
            var (status, _) = await CheckRunner.RunAsync(
                ctx,
                connection,
                gate.CheckFor(host),
                null,
                null,
                a =>
                {
                    var text = a.Result.Stdout.Trim();
                    if (text.Length > 200)
                        text = text[..200] + "...";
                    var outcome =
                        a.Passed ? StepStatus.Ok
                        : a.Result.TimedOut ? StepStatus.TimedOut
                        : StepStatus.Failed;
                    var stderr = OutputTail.Of(a.Result.Stderr, ctx.Graph.Secrets);
                    scope.Attempt(host, outcome, text, a.Result.ExitCode, a.Number, a.Result.Duration, stderr);
                },
                ctx.Control.Stopping,
                gate.Become
            );
            return status;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var (status, why) = TransportFault.Describe(ex);
            scope.Attempt(host, status, why);
            return status;
        }
    }
}
