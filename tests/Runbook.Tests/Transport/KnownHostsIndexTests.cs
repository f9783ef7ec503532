using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// The index by literal name finds exactly what matching every line finds, in file order: literal names in any case,
/// wildcards, negations, hashed names, markers.
/// </summary>
public sealed class KnownHostsIndexTests
{
    private const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    private static readonly string Text = string.Join(
        '\n',
        $"[web-1]:2222,[127.0.0.11]:2222 ssh-ed25519 {Key}",
        $"WEB-2 ssh-ed25519 {Key}",
        $"*.example.org,!bad.example.org ssh-ed25519 {Key}",
        $"@cert-authority *.example.org ssh-ed25519 {Key}",
        $"@revoked web-2 ssh-ed25519 {Key}",
        $"|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-ed25519 {Key}",
        $"web-2,web-3 ssh-ed25519 {Key}",
        $"web-? ssh-ed25519 {Key}"
    );

    [Theory]
    [InlineData("[web-1]:2222")]
    [InlineData("[127.0.0.11]:2222")]
    [InlineData("web-2")]
    [InlineData("Web-3")]
    [InlineData("a.example.org")]
    [InlineData("bad.example.org")]
    [InlineData("nothing")]
    public void Finds_what_a_scan_of_every_line_finds(string name)
    {
        var known = KnownHosts.Parse(Text, "known_hosts");
        foreach (var marker in new[] { KnownHostMarker.None, KnownHostMarker.CertAuthority, KnownHostMarker.Revoked })
        {
            var scanned = known.Entries.Where(e => e.Marker == marker && e.Matches(name)).Select(e => e.Line);

            Assert.Equal(scanned, known.Matching([name], marker).Select(e => e.Line));
        }
    }
}
