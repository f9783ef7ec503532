using System.Collections.Immutable;
using Runbook.Templating;

namespace Runbook.Graph;

/// <summary>
/// The templates of a step that read <c>captures</c>, which exist only at run time. The plan shows them rendered with
/// placeholders; the executor renders them again, in <see cref="Scope"/> with the host's captures, just before the step runs.
/// </summary>
/// <param name="Scope">The step's compile-time scope (host, params, vars, phase, batch).</param>
/// <param name="Command">The 'run' or 'verify' command, when it reads captures.</param>
/// <param name="When">The 'when' condition, when it reads captures: then it is evaluated at run time.</param>
/// <param name="Reads">The capture names read, sorted: shown in the plan as 'runtime: captures.NAME'.</param>
internal sealed record RuntimeTemplate(
    TemplateScope Scope,
    CompiledTemplate? Command,
    CompiledTemplate? When,
    ImmutableArray<string> Reads
);
