using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Graph;

/// <summary>
/// One step on one host, fully rendered. <see cref="Work"/> is what it does; it is null exactly when the step does not
/// run: <see cref="SkipReason"/> then says why ('when' is false, no candidate host).
/// </summary>
public sealed record StepNode(
    string Id,
    string Host,
    int Number,
    string Name,
    string Kind,
    StepWork? Work,
    Duration? Timeout,
    bool Become,
    ImmutableArray<EnvVar> Env,
    string? When,
    string? SkipReason,
    SourceSpan Span
)
{
    /// <summary>'capture: NAME': after the step succeeds, its trimmed stdout is kept for this host as captures.NAME.</summary>
    public string? Capture { get; init; }

    /// <summary>
    /// The included file the step comes from, relative to the runbook's folder; null for the runbook's own.
    /// </summary>
    public string? IncludedFrom { get; init; }

    /// <summary>The phase's list the step is in: its steps, or clean-up ('on_failure', 'finally').</summary>
    public StepList List { get; init; }

    /// <summary>'requires': commands the step needs on its host; the preflight checks them.</summary>
    public ImmutableArray<string> Requires { get; init; } = [];

    /// <summary>Set when the step's command or condition reads captures: it is rendered again at run time.</summary>
    internal RuntimeTemplate? Runtime { get; init; }

    /// <summary>
    /// 'on: local': the step runs on the controller (the machine running runbook), not over SSH on
    /// <see cref="Host"/>, which is the batch's host it runs for (its template context, where its captures go).
    /// </summary>
    public bool Local { get; init; }

    /// <summary>'retries': how often a failed attempt runs again, and after what delay; null if never.</summary>
    public StepRetries? Retries { get; init; }

    /// <summary>
    /// 'disrupts': what the step says it takes down on <see cref="Host"/>, counted by the safety rules besides the
    /// commands they recognise (also on a step on the controller, which may take the host down through an API).
    /// </summary>
    internal Model.DeclaredDisruption? Disrupts { get; init; }

    /// <summary>
    /// The user sudo runs the step as when <see cref="Become"/> is set and the inventory names one other than root
    /// (ansible_become_user); null for root. The transport takes the user from the host's endpoint: this is what the
    /// plan shows.
    /// </summary>
    internal string? BecomeUser { get; init; }

    /// <summary>
    /// What the inventory's ansible_become did to this step on this host (nothing, unless the host sets it).
    /// </summary>
    internal InventoryBecome InventoryBecome { get; init; }

    /// <summary>The shell command the step sends to its host, if any.</summary>
    public Command? Command => Work?.Command;

    /// <summary>
    /// The command that changes the host, if any (a check's command does not; nor does a step on the controller).
    /// </summary>
    public Command? Effect => Local ? null : Work?.Effect;
}
