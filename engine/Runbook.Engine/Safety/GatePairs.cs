using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// Pairs the gates (or preconditions) of a phase's two versions as the differ pairs steps: by name, then a gate whose
/// name is gone with a new one that checks the same thing, which is a rename. What a gate checks: where it runs (its
/// target and mode), its command and what it expects; how long it tries and whether it runs as root are what a
/// change to it may loosen, so they are compared after pairing, not used for it. The differ and the change rules use
/// the same pairing, so a diff that says "renamed from" never also warns that the gate was removed.
/// </summary>
internal static class GatePairs
{
    /// <summary>What a gate checks, as one string; equal for a gate and its renamed version.</summary>
    public static string Key(GateNode gate) =>
        string.Join("\u0001", gate.Target, gate.Mode, gate.Check.Command.Display, gate.Check.Expect.ToString());

    /// <summary>
    /// The renames, base name to head name: base gates whose name the head has not, each paired with the first head
    /// gate (in name order) whose name the base has not and that checks the same.
    /// </summary>
    public static Dictionary<string, string> Renames(
        IReadOnlyDictionary<string, GateNode> before,
        IReadOnlyDictionary<string, GateNode> after
    )
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var fresh = after.Where(a => !before.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, gate) in before.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (after.ContainsKey(name))
                continue;
            var key = Key(gate);
            var match = fresh.FindIndex(f => Key(f.Value) == key);
            if (match < 0)
                continue;
            renames[name] = fresh[match].Key;
            fresh.RemoveAt(match);
        }

        return renames;
    }
}
