using Runbook.Safety;

namespace Runbook.Tests.Safety;

public class UnitActionTests
{
    [Theory]
    [InlineData("systemctl stop rke2-server", "stop rke2-server")]
    [InlineData("sudo systemctl --no-block restart rke2-server.service", "restart rke2-server")]
    [InlineData("systemctl stop a b && systemctl start c", "stop a|stop b|start c")]
    [InlineData("systemctl is-active rke2-server", "")]
    [InlineData("rke2 certificate rotate; reboot", "reboot host")]
    [InlineData("echo 'no reboot here' > /dev/null", "")]
    [InlineData("sudo systemctl reboot", "reboot host")]
    public void Unit_actions_are_found_in_rendered_commands(string command, string expected)
    {
        var found = string.Join("|", UnitAction.In(command).Select(a => $"{a.Verb} {a.Unit}"));
        Assert.Equal(expected, found);
    }
}
