namespace Runbook.Templating;

/// <summary>What went wrong during one render: collected by strict values instead of thrown mid-render.</summary>
internal sealed class RenderProblems
{
    public const string AmbientKey = "runbook.problems";

    public List<string> UndefinedPaths { get; } = [];
}
