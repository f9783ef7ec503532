using System.Text.RegularExpressions;
using Runbook.Cli.Output;
using Runbook.Execution;

namespace Runbook.Tests.Execution;

public class LiveRunRendererTests
{
    [Fact]
    public async Task The_live_view_shows_each_host_of_the_batch_with_its_current_step_and_status()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var live = LiveRunRenderer.For(writer);
        var drawing = live.DrawAsync();
        live.OnEvent(new PhaseStarted(1, "etcd"));
        live.OnEvent(new BatchStarted(1, "p1.b1", ["etcd-1", "etcd-2"]));
        live.OnEvent(
            new StepStarted(1, "p1.b1", "etcd-1", "p1.b1.etcd-1.s1", "Stop rke2-server", "systemctl stop rke2-server")
        );
        live.OnEvent(
            new StepFinished(
                1,
                "p1.b1",
                "etcd-2",
                "p1.b1.etcd-2.s1",
                "Stop rke2-server",
                StepStatus.Failed,
                1,
                Duration: TimeSpan.FromSeconds(2)
            )
        );
        live.Complete();
        await drawing;

        var output = Regex.Replace(writer.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", string.Empty); // colours and cursor moves
        Assert.Contains("phase 1: etcd · batch p1.b1", output, StringComparison.Ordinal);
        Assert.Matches("etcd-1 .*Stop rke2-server .*running", output);
        Assert.Matches("etcd-2 .*Stop rke2-server .*failed .*2.0s", output);
        Assert.Contains("[etcd-2] Stop rke2-server: failed exit 1 (2.0s)", output, StringComparison.Ordinal);
    }
}
