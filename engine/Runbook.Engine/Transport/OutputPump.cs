using System.Globalization;
using System.Text;

namespace Runbook.Transport;

/// <summary>
/// Moves what has arrived on one output stream of a command into its full text, and reports complete lines as they
/// come. Reads only what is already buffered (never blocks a thread); the stderr pump also takes the PID marker line
/// <see cref="RemoteCommandBuilder"/> makes the command print first.
/// </summary>
internal sealed class OutputPump(OutputStream stream, Stream source, Action<OutputLine>? onOutput, bool takePidMarker)
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private readonly byte[] _bytes = new byte[16 * 1024];
    private readonly char[] _chars = new char[16 * 1024 + 4];
    private bool _markerPending = takePidMarker;

    public int? Pid { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Reads what is available now; returns whether anything was read.</summary>
    public bool Drain()
    {
        var any = false;
        while (source.Length > 0)
        {
            var count = source.Read(_bytes, 0, (int)Math.Min(source.Length, _bytes.Length));
            if (count <= 0)
                break;
            any = true;
            Feed(_bytes, count);
        }

        return any;
    }

    /// <summary>Takes bytes read elsewhere (a local process's pipe, which has no length to poll).</summary>
    public void Feed(byte[] bytes, int count)
    {
        var chars = _decoder.GetChars(bytes, 0, count, _chars, 0, flush: false);
        for (var i = 0; i < chars; i++)
            Append(_chars[i]);
    }

    /// <summary>Reports a last line without a newline, once the command is over.</summary>
    public void Complete()
    {
        Drain();
        var chars = _decoder.GetChars([], 0, 0, _chars, 0, flush: true);
        for (var i = 0; i < chars; i++)
            Append(_chars[i]);
        if (_line.Length > 0)
            EndLine(withNewline: false);
    }

    private void Append(char c)
    {
        if (c == '\n')
        {
            EndLine(withNewline: true);
            return;
        }

        _line.Append(c);
    }

    private void EndLine(bool withNewline)
    {
        var line = _line.ToString();
        _line.Clear();
        if (_markerPending && line.StartsWith(RemoteCommandBuilder.PidMarker, StringComparison.Ordinal))
        {
            _markerPending = false;
            if (
                int.TryParse(
                    line.AsSpan(RemoteCommandBuilder.PidMarker.Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var pid
                )
            )
                Pid = pid;
            return;
        }

        _text.Append(line);
        if (withNewline)
            _text.Append('\n');
        onOutput?.Invoke(new OutputLine(stream, line.TrimEnd('\r')));
    }
}
