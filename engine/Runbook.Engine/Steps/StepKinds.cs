using System.Collections.Frozen;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Steps.Fetch;
using Runbook.Steps.Pause;
using Runbook.Steps.Run;
using Runbook.Steps.Template;
using Runbook.Steps.Upload;
using Runbook.Steps.Verify;
using Runbook.Steps.Wait;

namespace Runbook.Steps;

/// <summary>
/// The registry of step kinds: add a kind here. A static table rather than a DI container: kinds are stateless, the set
/// is
/// fixed when the engine is built, and the readers need it while parsing, before any run has a container; a table costs
/// no start-up and a missing or duplicate key fails the type initializer on first use (a test reads every kind).
/// </summary>
internal static class StepKinds
{
    /// <summary>In the order error messages list them ("has no 'run', 'wait' or 'verify'").</summary>
    public static readonly IReadOnlyList<IStepKind> All =
    [
        new RunStep(),
        new WaitStep(),
        new VerifyStep(),
        new UploadStep(),
        new TemplateStep(),
        new FetchStep(),
        new PauseStep(),
    ];

    private static readonly FrozenDictionary<string, IStepKind> ByKey = All.ToFrozenDictionary(
        k => k.Key,
        StringComparer.Ordinal
    );

    public static IStepKind Of(string key) => ByKey[key];

    public static IStepKind Of(StepSpec spec) => ByKey[spec.Kind];

    public static IStepKind Of(StepWork work) => ByKey[work.Kind];

    public static IEnumerable<string> Keys => All.Select(k => k.Key);
}
