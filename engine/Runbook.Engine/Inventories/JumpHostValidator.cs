using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Checks that every jump host is in the inventory and that no chain of jump hosts comes back to itself.</summary>
internal static class JumpHostValidator
{
    /// <summary>
    /// Checks the jumps of <paramref name="hosts"/>, and <paramref name="defaultJump"/> (the one the defaults name) even
    /// when every host names its own.
    /// </summary>
    public static void Check(
        IReadOnlyList<HostDefinition> hosts,
        IReadOnlyList<JumpReference> jumps,
        ScalarSyntax? defaultJump,
        DiagnosticBag diagnostics
    )
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var host in hosts)
            order.TryAdd(host.Name, order.Count);
        if (defaultJump is not null)
            IsKnown(defaultJump.Value, defaultJump.Span, order, diagnostics);
        var resolved = new Dictionary<string, JumpReference>(StringComparer.Ordinal);
        foreach (var jump in jumps)
        {
            if (IsKnown(jump.To, jump.Span, order, diagnostics))
                resolved[jump.From] = jump;
        }

        ReportLoops(order, resolved, diagnostics);
    }

    private static bool IsKnown(string name, SourceSpan span, Dictionary<string, int> order, DiagnosticBag diagnostics)
    {
        if (order.ContainsKey(name))
            return true;
        var guess = Suggest.Closest(name, order.Keys);
        var hint = guess is null ? null : $"did you mean '{guess}'? {Codes.UnknownJumpHost.DefaultHint}";
        diagnostics.Error(Codes.UnknownJumpHost, span, $"unknown jump host '{name}'", hint);
        return false;
    }

    /// <summary>Walks every chain once (linear in the number of hosts) and reports each loop once.</summary>
    private static void ReportLoops(
        Dictionary<string, int> order,
        Dictionary<string, JumpReference> jumps,
        DiagnosticBag diagnostics
    )
    {
        var finished = new Dictionary<string, bool>(StringComparer.Ordinal); // false while on the chain being walked
        foreach (var start in order.Keys)
        {
            var path = new List<string>();
            string? next = start;
            while (next is not null && !finished.ContainsKey(next))
            {
                finished[next] = false;
                path.Add(next);
                next = jumps.TryGetValue(next, out var jump) ? jump.To : null;
            }

            if (next is not null && !finished[next])
                Report(path[path.IndexOf(next)..], order, jumps, diagnostics);
            foreach (var name in path)
                finished[name] = true;
        }
    }

    /// <summary>Reports a loop at the jump of its first host in inventory order, so the message does not depend on where the walk began.</summary>
    private static void Report(
        List<string> loop,
        Dictionary<string, int> order,
        Dictionary<string, JumpReference> jumps,
        DiagnosticBag diagnostics
    )
    {
        var first = loop.IndexOf(loop.MinBy(name => order[name])!);
        var chain = loop[first..].Concat(loop[..first]).ToList();
        var span = jumps[chain[0]].Span;
        if (chain.Count == 1)
        {
            diagnostics.Error(
                Codes.JumpLoop,
                span,
                $"host '{chain[0]}' names itself as its jump host",
                "remove its 'jump', or name another host"
            );
            return;
        }

        diagnostics.Error(Codes.JumpLoop, span, $"jump hosts form a loop: {string.Join(" -> ", chain)} -> {chain[0]}");
    }
}
