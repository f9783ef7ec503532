namespace Runbook.Transport;

public enum OutputStream
{
    Stdout,
    Stderr,
}

public sealed record OutputLine(OutputStream Stream, string Text);
