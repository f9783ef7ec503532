namespace Runbook.Execution;

/// <summary>
/// A write to the run's own files (the journal, the <c>--events</c> file) that failed: which file, and why in words
/// ("no space left on device", not ENOSPC or an exception's name). <see cref="Final"/> marks the run's last record
/// (run-finished), whose loss leaves the journal without its end.
/// </summary>
public sealed record StoreFault(string Path, string Why)
{
    /// <summary>The failed write was the run's last record: the journal has no end of the run.</summary>
    public bool Final { get; init; }

    /// <summary>A sentence for people: the file, and what went wrong.</summary>
    public override string ToString() => $"writing {Path} failed: {Why}";

    /// <summary>
    /// The words for an I/O error: the errno's meaning on Unix (.NET keeps it in HResult), else its message.
    /// </summary>
    public static string Describe(Exception ex) =>
        ex switch
        {
            UnauthorizedAccessException => "permission denied",
            IOException { HResult: 28 } => "no space left on device",
            IOException { HResult: 30 } => "read-only file system",
            IOException { HResult: 122 } => "disk quota exceeded",
            IOException { HResult: 27 } => "file too large",
            IOException { HResult: 5 } => "input/output error",
            IOException { HResult: 20 } => "not a directory",
            _ => Strip(ex.Message),
        };

    // .NET's messages end with " : 'path'"; the path is said once, by the caller.
    private static string Strip(string message)
    {
        var at = message.IndexOf(" : '", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.');
    }
}

/// <summary>
/// Thrown by a run's file writers (journal, events) to the publisher when a write first fails; the publisher stops the
/// run (nothing new starts, running steps finish) and hands the event to the other observers as usual.
/// </summary>
internal sealed class StoreWriteException(StoreFault fault) : IOException(fault.ToString())
{
    public StoreFault Fault { get; } = fault;
}
