namespace Runbook.Diffing;

/// <summary>
/// Changes to where a step runs and how often it is tried, said in words besides the attribute lines: a step moved
/// to the controller no longer touches its host (and the reverse), and retries can hide a flapping command.
/// </summary>
internal static class StepNotes
{
    public static IEnumerable<DiffLine> Compare(StepView before, StepView after)
    {
        if (before.Local != after.Local)
        {
            yield return DiffLine.Note(
                2,
                after.Local
                    ? "now runs on the controller (on: local), no longer on its host"
                    : "now runs on its host, no longer on the controller (on: local)"
            );
        }

        if (before.Retries != after.Retries)
            yield return DiffLine.Note(2, $"retries {Text(before.Retries)} -> {Text(after.Retries)}");
    }

    private static string Text(Model.StepRetries? retries) =>
        retries is null ? "none" : $"{retries.Count} every {retries.Delay}";
}
