using System.Security.Cryptography;
using System.Text;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

public sealed class KnownHostsTests
{
    private const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    private static KnownHostEntry Single(string line) => Assert.Single(KnownHosts.Parse(line, "kh").Entries);

    [Fact]
    public void Plain_comma_separated_and_bracketed_names_match()
    {
        var entry = Single($"etcd-1,10.0.0.11,[etcd-1]:2222 ssh-ed25519 {Key} comment");

        Assert.True(entry.Matches("etcd-1"));
        Assert.True(entry.Matches("10.0.0.11"));
        Assert.True(entry.Matches("[etcd-1]:2222"));
        Assert.True(entry.Matches("ETCD-1"));
        Assert.False(entry.Matches("[etcd-1]:2223"));
        Assert.False(entry.Matches("etcd-2"));
        Assert.Equal("ssh-ed25519", entry.KeyType);
        Assert.Equal(KnownHostMarker.None, entry.Marker);
    }

    [Fact]
    public void Hashed_names_match_by_hmac_sha1()
    {
        var salt = Encoding.ASCII.GetBytes("01234567890123456789");
#pragma warning disable CA5350 // the format under test
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes("[cp-1]:2222"));
#pragma warning restore CA5350
        var entry = Single($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 {Key}");

        Assert.True(entry.Matches("[cp-1]:2222"));
        Assert.False(entry.Matches("cp-1"));
    }

    [Fact]
    public void Wildcards_and_negations()
    {
        var entry = Single($"*.example.com,!bad.example.com,10.0.0.? ssh-ed25519 {Key}");

        Assert.True(entry.Matches("a.example.com"));
        Assert.False(entry.Matches("bad.example.com"));
        Assert.True(entry.Matches("10.0.0.7"));
        Assert.False(entry.Matches("10.0.0.17"));
    }

    [Fact]
    public void Markers_comments_and_broken_lines()
    {
        var known = KnownHosts.Parse(
            $"# comment\n\n@cert-authority *.lab ssh-ed25519 {Key}\n@revoked * ssh-ed25519 {Key}\n@bogus x "
                + $"ssh-ed25519 {Key}\nonly-two fields\nbad ssh-ed25519 !!notbase64\n",
            "kh"
        );

        Assert.Equal([KnownHostMarker.CertAuthority, KnownHostMarker.Revoked], known.Entries.Select(e => e.Marker));
        Assert.Equal([3, 4], known.Entries.Select(e => e.Line));
        Assert.Single(known.Matching(["etcd.lab"], KnownHostMarker.CertAuthority));
    }

    [Fact]
    public void Names_and_lines_are_written_like_OpenSSH()
    {
        Assert.Equal("etcd-1", KnownHosts.NameFor("etcd-1", 22));
        Assert.Equal("[127.0.0.11]:2222", KnownHosts.NameFor("127.0.0.11", 2222));
        Assert.Equal(
            $"a,[b]:2 ssh-ed25519 {Key}",
            KnownHosts.FormatLine(["a", "[b]:2", "a"], "ssh-ed25519", Convert.FromBase64String(Key))
        );
    }

    [Fact]
    public void Fingerprints_are_OpenSSH_SHA256()
    {
        // ssh-keygen -lf prints SHA256:<unpadded base64 of sha256(blob)>.
        var expected = "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(Key))).TrimEnd('=');

        Assert.Equal(expected, Single($"h ssh-ed25519 {Key}").Fingerprint);
        Assert.DoesNotContain("=", expected, StringComparison.Ordinal);
    }
}
