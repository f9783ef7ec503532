using System.Text;

namespace Runbook.Tests.Execution.StoreFaults;

/// <summary>
/// A disk that fills: a memory file that takes bytes up to <see cref="Room"/>, writes what fits of a longer write (as
/// write(2) does before it fails) and then throws ENOSPC as .NET does (an IOException whose HResult is the errno).
/// </summary>
internal sealed class FullDiskStream(long room) : MemoryStream
{
    public long Room { get; set; } = room;

    public override void Write(byte[] buffer, int offset, int count)
    {
        var fits = (int)Math.Max(0, Math.Min(count, Room - Position));
        base.Write(buffer, offset, fits);
        if (fits < count)
            throw new IOException("No space left on device : '/state/runs/x/journal.ndjson'", 28);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

    public string Text => Encoding.UTF8.GetString(ToArray());
}

/// <summary>
/// An events target whose disk fills once <paramref name="when"/> says so, like /dev/full from then on.
/// </summary>
internal sealed class FullDiskWriter(Func<string, bool> when) : TextWriter
{
    private readonly StringBuilder _line = new();

    public StringBuilder Written { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    public bool Full { get; private set; }

    public override void Write(char value) => _line.Append(value);

    public override void Write(string? value) => _line.Append(value);

    public override void Flush()
    {
        var line = _line.ToString();
        _line.Clear();
        Full |= when(line);
        if (Full)
            throw new IOException("No space left on device", 28);
        Written.Append(line);
    }
}
