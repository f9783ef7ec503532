using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Runbook.Execution;

/// <summary>
/// The append-only journal of a run: a JSON line per <see cref="JournalRecord"/>, written from the run's (masked)
/// events. Each record (output lines with the next one) is handed to the operating system as it happens, so a killed
/// engine leaves a journal that resume can trust; the file is synced to disk at batch, gate, phase and run boundaries,
/// so a machine crash loses at most the records of the batch under way, whose steps then run again on resume. Syncing
/// every record would make every host wait on the disk, one after another, under the publisher's lock.
/// </summary>
/// <remarks>
/// A full disk must not lose the record of a step that ran: the writer keeps <see cref="Reserve"/> bytes allocated
/// past the journal's end (fallocate, the file's size unchanged), so the records of steps already running when the disk
/// fills still land. When the reserve cannot be renewed, the writer reports it (<see cref="StoreWriteException"/>: the
/// run starts nothing new) and goes on writing into what is left, output lines aside. A write that fails anyway (no
/// reserve on this file system, or it ran out) is cut off again (the file truncated to its last whole record), so the
/// journal never keeps half a line; that record is lost, and a step whose step-done it was runs again on resume.
/// </remarks>
internal sealed partial class JournalWriter : IRunObserver, IDisposable
{
    /// <summary>What is kept allocated ahead of the journal's end.</summary>
    public const int Reserve = 256 * 1024;

    /// <summary>
    /// The reserve is renewed when less than this is left (after every page written), so a disk that fills is noticed
    /// at once, with nearly all of the reserve left for the records of the steps under way.
    /// </summary>
    public const int Low = Reserve - 4096;

    /// <summary>Output lines wait for the next record, up to this much, to be written together.</summary>
    private const int MaxPending = 64 * 1024;

    private readonly Stream _file;
    private readonly string _path;
    private readonly MemoryStream _pending = new();
    private Func<long, long, int>? _reserve;
    private long _end;
    private long _reserved;
    private bool _short;
    private bool _failed;

    public JournalWriter(string path)
        : this(Open(path), path, null)
    {
        var handle = ((FileStream)_file).SafeFileHandle;
        _reserve = (offset, length) => Allocate(handle, offset, length);
        Renew(atStart: true);
    }

    /// <summary>A journal over any stream; <paramref name="reserve"/> allocates (offset, length) and returns 0 or the
    /// errno, null where nothing can be reserved (tests give both).</summary>
    internal JournalWriter(Stream file, string path, Func<long, long, int>? reserve)
    {
        _file = file;
        _path = path;
        _reserve = reserve;
        _end = file.Length;
        _reserved = _end;
        file.Position = _end;
        if (reserve is not null)
            Renew(atStart: true);
    }

    public void OnEvent(RunEvent e)
    {
        if (JournalRecord.From(e) is not { } record)
            return;

        // Once short of room, output lines are dropped: the reserve is for the records resume reads.
        if ((_short || _failed) && record is OutputLogged)
            return;
        _pending.Write(Encoding.UTF8.GetBytes(record.ToJson() + "\n"));
        if (record is OutputLogged && _pending.Length < MaxPending)
            return;
        var first = !_failed && !_short;
        try
        {
            _file.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
            Flush(record.IsBoundary);
            _end += _pending.Length;
        }
        catch (IOException ex)
        {
            _failed = true;
            CutOff();
            // The first failure stops the run; later ones are lost records of steps already running, except the run's
            // end, whose loss is said too.
            if (first || record is RunDone)
            {
                var fault = new StoreFault(_path, StoreFault.Describe(ex)) { Final = record is RunDone };
                throw new StoreWriteException(fault);
            }

            return;
        }
        finally
        {
            _pending.SetLength(0);
        }

        if (record is not RunDone)
            Renew(atStart: false);
    }

    public void Dispose()
    {
        try
        {
            Flush(toDisk: true);
        }
        catch (IOException)
        {
            // already reported by the write that failed
        }

        // The reserve past the end is given back.
        if (_file is FileStream fs && _reserved > _end)
            _ = Release(fs.SafeFileHandle, _end, _reserved - _end);
        _file.Dispose();
    }

    private void Flush(bool toDisk)
    {
        if (_file is FileStream fs)
            fs.Flush(toDisk);
        else
            _file.Flush();
    }

    /// <summary>Keeps the reserve ahead of the end; reports (once) when the disk has no room to renew it.</summary>
    private void Renew(bool atStart)
    {
        if (_reserve is null || _short || _failed || _reserved - _end >= Low)
            return;
        var errno = _reserve(_end, Reserve);
        if (errno == 0)
        {
            _reserved = _end + Reserve;
            return;
        }

        if (errno != Enospc && errno != Edquot)
        {
            _reserve = null; // a file system without fallocate: records are written as they come
            return;
        }

        var fault = new StoreFault(_path, StoreFault.Describe(new IOException(null, errno)));
        if (atStart)
            throw new IOException(fault.Why, errno); // nothing ran: the run is refused
        _short = true;
        throw new StoreWriteException(fault);
    }

    /// <summary>Truncates the file to its last whole record, so no torn line stays in it.</summary>
    private void CutOff()
    {
        try
        {
            _file.SetLength(_end);
            _file.Position = _end;
        }
        catch (IOException)
        {
            // the reader skips a torn line too; a resumed writer starts on a new line (Open)
        }
    }

    private static FileStream Open(string path)
    {
        // Unbuffered: each record is one write, and nothing waits in a buffer to fail again when the file is closed.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0);
        if (file.Length > 0)
        {
            // A torn last line (a crash mid-write) is ended, so the next record does not run into it.
            file.Position = file.Length - 1;
            if (file.ReadByte() != '\n')
                file.Write("\n"u8);
        }

        return file;
    }

    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int KeepSize = 1;
    private const int PunchHole = 2;

    private static int Allocate(SafeFileHandle handle, long offset, long length)
    {
        try
        {
            return Fallocate(handle, KeepSize, offset, length) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return -1; // no fallocate (not Linux): no reserve
        }
    }

    private static int Release(SafeFileHandle handle, long offset, long length)
    {
        try
        {
            return Fallocate(handle, KeepSize | PunchHole, offset, length);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(SafeFileHandle fd, int mode, long offset, long length);
}
