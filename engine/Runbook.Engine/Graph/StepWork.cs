using System.Text.Json;
using Runbook.Model;

namespace Runbook.Graph;

/// <summary>
/// What a compiled step does on its host, fully rendered: one record per step kind, each in its folder under Steps/.
/// What every step has (id, host, name, become, timeout, env, when, capture, span) is on <see cref="StepNode"/>.
/// The members plans, diffs, events and safety rules read are here, abstract, so those folders read only the graph
/// and a new kind is told by the compiler what to say; the internal ones also close the hierarchy to this assembly.
/// </summary>
public abstract record StepWork
{
    /// <summary>The kind's key, as on <see cref="StepSpec.Kind"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>The shell command this work sends to its host, if it sends one: shown in plans, diffs and
    /// events.</summary>
    public abstract Command? Command { get; }

    /// <summary>The command sent to change the host (not a check): what safety rules read for stops and
    /// restarts.</summary>
    public virtual Command? Effect => null;

    /// <summary>How long the step pauses, for kinds that pause: the rule on shortened waits reads it.</summary>
    public virtual Duration? Waits => null;

    /// <summary>The first words of the step's attributes in text and markdown plans ("run", "wait 30s").</summary>
    internal abstract string Phrase { get; }

    /// <summary>What a step-started event says the step does.</summary>
    internal abstract string Shown { get; }

    /// <summary>What besides the command makes two steps the same work, for pairing steps across a diff.</summary>
    internal abstract string DiffKey { get; }

    /// <summary>What the step puts on its host, for kinds that put content there (file uploads): diffs compare
    /// it per host. Read only by diffs, so it may read the file it names.</summary>
    internal virtual ContentView? Content => null;

    /// <summary>Writes the kind's own properties of a JSON plan step (after "kind" and "skipped").</summary>
    internal abstract void WriteJson(Utf8JsonWriter writer);
}
