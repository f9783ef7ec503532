namespace Runbook.Tests.Architecture;

/// <summary>
/// The folders of the engine form layers: no two of them use each other, directly or through others, so each can be
/// read (and changed) knowing only the folders below it. The dependencies are read from the compiled engine, see
/// <see cref="FolderDependencies"/>.
/// </summary>
public sealed class FolderCycleTests
{
    private static readonly FolderDependencies Engine = FolderDependencies.Of(typeof(RunbookEngine).Assembly);

    [Fact]
    public void No_folder_of_the_engine_depends_on_itself_through_others()
    {
        var cycles = Engine.Cycles();

        var explained = cycles.Select(c =>
            $"cycle between {string.Join(", ", c)}:\n  {string.Join("\n  ", Engine.Explain(c))}");
        Assert.True(cycles.Count == 0, string.Join("\n", explained));
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
