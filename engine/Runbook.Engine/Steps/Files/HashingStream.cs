using System.Security.Cryptography;

namespace Runbook.Steps.Files;

/// <summary>
/// A pass-through stream that hashes every byte read from (or written to) the stream it wraps, so a file is verified
/// on the one pass that also moves it.
/// </summary>
internal sealed class HashingStream(Stream inner, bool reading) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _count;

    public FileDigest Digest() => new(_count, FileDigest.Hex(_hash.GetCurrentHash()));

    public override bool CanRead => reading;

    public override bool CanSeek => false;

    public override bool CanWrite => !reading;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        _hash.AppendData(buffer, offset, read);
        _count += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        _hash.AppendData(buffer, offset, count);
        _count += count;
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _hash.Dispose();
        base.Dispose(disposing);
    }
}
