namespace Runbook.Tests.Architecture;

/// <summary>
/// The folders of the engine form layers: no two of them use each other, directly or through others, so each can be
/// read (and changed) knowing only the folders below it. The dependencies are read from the compiled engine, see
/// <see cref="FolderDependencies"/>.
/// </summary>
public sealed class FolderCycleTests
{
    private static readonly FolderDependencies Engine = FolderDependencies.Of(typeof(RunbookEngine).Assembly);

    /// <summary>
    /// The stages that hand a step to its kind: the reader (to read the kind's keys), the compiler (to render it) and
    /// the executor (to run it). A kind's folder is a vertical slice through those stages by design (reader, renderer
    /// and executor of one kind in one place), so these three edges into Steps are the one sanctioned way back up;
    /// plans, diffs and safety rules read a kind only through the graph's StepWork and must not use Steps.
    /// </summary>
    private static readonly string[] StepDispatchers = ["Compilation", "Execution", "Parsing"];

    [Fact]
    public void No_folder_of_the_engine_depends_on_itself_through_others()
    {
        var cycles = Engine.Without(StepDispatchers.Select(d => (d, "Steps"))).Cycles();

        var explained = cycles.Select(c =>
            $"cycle between {string.Join(", ", c)}:\n  {string.Join("\n  ", Engine.Explain(c))}"
        );
        Assert.True(cycles.Count == 0, string.Join("\n", explained));
    }

    [Fact]
    public void Only_the_reader_the_compiler_and_the_executor_use_the_step_kinds()
    {
        var users = Engine
            .Edges.Where(e => e.Value.ContainsKey("Steps"))
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal);

        Assert.Equal(StepDispatchers, users);
    }

    [Fact]
    public void The_analysis_sees_references_in_signatures_in_method_bodies_and_through_qualified_names()
    {
        // Signatures (Compiler returns an ExecutionGraph), fields and calls (the executor's connections use the
        // transport), and a call in a method body written with a qualified name and no using (KnownHostEntry calls
        // Selectors.Glob.IsMatch): a using-directive scan would miss the last one.
        Assert.Contains("Graph", Engine.Edges["Compilation"].Keys);
        Assert.Contains("Transport", Engine.Edges["Execution"].Keys);
        Assert.Contains("Selectors", Engine.Edges["Transport"].Keys);
        Assert.Contains("Diagnostics", Engine.Edges["Parsing"].Keys);
    }
}
