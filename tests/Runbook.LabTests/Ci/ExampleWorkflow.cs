using Runbook.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Runbook.Tests.Ci;

/// <summary>
/// docs/examples/github-actions.yml, read with a YAML parser so tests run and lint exactly what the file says (its
/// scripts are never copied into a test).
/// </summary>
internal static class ExampleWorkflow
{
    public const string RelativePath = "docs/examples/github-actions.yml";

    public static string FullPath => Path.Combine(RepoRoot.Path, RelativePath);

    /// <summary>The <c>run:</c> script of step <paramref name="stepId"/> (its id) in <paramref name="job"/>.</summary>
    public static string RunScript(string job, string stepId) =>
        Steps(job).Single(s => Scalar(s, "id") == stepId) is var step && Scalar(step, "run") is { } run
            ? run
            : throw new InvalidOperationException($"step {job}.{stepId} has no run: script");

    /// <summary>Every <c>run:</c> script of the workflow, named by job and step name.</summary>
    public static IEnumerable<(string Name, string Script)> RunScripts() =>
        Jobs()
            .SelectMany(job =>
                Steps(job)
                    .Where(s => Scalar(s, "run") is not null)
                    .Select(s => ($"{job} / {Scalar(s, "name") ?? Scalar(s, "id")}", Scalar(s, "run")!))
            );

    private static IEnumerable<string> Jobs() =>
        ((YamlMappingNode)Root().Children[new YamlScalarNode("jobs")]).Children.Keys.Select(k =>
            ((YamlScalarNode)k).Value!
        );

    private static IEnumerable<YamlMappingNode> Steps(string job)
    {
        var jobs = (YamlMappingNode)Root().Children[new YamlScalarNode("jobs")];
        var steps = (YamlSequenceNode)
            ((YamlMappingNode)jobs.Children[new YamlScalarNode(job)]).Children[new YamlScalarNode("steps")];
        return steps.Children.Cast<YamlMappingNode>();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Root()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(FullPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
