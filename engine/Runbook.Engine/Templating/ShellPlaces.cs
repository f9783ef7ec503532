using System.Text;
using Scriban.Syntax;

namespace Runbook.Templating;

/// <summary>
/// The shell place of every <c>{{ }}</c> of a template, by the source offset of its output statement: the template's
/// literal text, in source order, with a marker for each output, read by <see cref="ShellContexts"/>. Both branches
/// of an <c>{% if %}</c> are read in a row, as they are written; a <c>{% capture %}</c> body is read on its own, as
/// the shell text it becomes.
/// </summary>
internal sealed class ShellPlaces : ScriptVisitor
{
    private readonly Dictionary<int, ShellPlace> _byOffset = [];
    private readonly Dictionary<int, ScriptExpressionStatement> _outputs = [];
    private StringBuilder _text = new();

    /// <summary>The output statements with their place, by the offset of the statement and of its expression.</summary>
    public static (
        IReadOnlyDictionary<int, ShellPlace> Places,
        IReadOnlyList<(ScriptExpressionStatement, ShellPlace)> Outputs
    ) Find(ScriptPage page)
    {
        var finder = new ShellPlaces();
        finder.Visit(page);
        var outputs = new List<(ScriptExpressionStatement, ShellPlace)>();
        finder.Flush(outputs);
        return (finder._byOffset, outputs);
    }

    private List<(ScriptExpressionStatement, ShellPlace)> _found = [];

    private void Flush(List<(ScriptExpressionStatement, ShellPlace)> outputs)
    {
        var places = ShellContexts.Analyze(_text.ToString());
        foreach (var (marker, statement) in _outputs)
        {
            var place = places.GetValueOrDefault(marker, ShellPlace.Plain);
            _byOffset[statement.Span.Start.Offset] = place;
            _found.Add((statement, place));
        }

        outputs.AddRange(_found);
        _found = [];
        _outputs.Clear();
        _text.Clear();
    }

    public override void Visit(ScriptRawStatement node)
    {
        foreach (var c in node.Text.ToString())
        {
            // Text that happens to hold a marker character is read as the character that is least likely to hide
            // anything (a letter), so it cannot pose as an interpolation.
            _text.Append(ShellContexts.IsMarker(c, out _) ? 'x' : c);
        }
    }

    public override void Visit(ScriptExpressionStatement node)
    {
        // {% assign %} is an expression statement too, and prints nothing.
        if (node.Expression is not ScriptAssignExpression && _outputs.Count < ShellContexts.MaxMarkers)
        {
            var marker = _outputs.Count;
            _outputs[marker] = node;
            _text.Append((char)(ShellContexts.FirstMarker + marker));
        }
    }

    public override void Visit(ScriptCaptureStatement node)
    {
        // The body is a stream of its own: save what came before, read the body, then go on where it stopped.
        var (text, outputs) = (_text, new Dictionary<int, ScriptExpressionStatement>(_outputs));
        _text = new StringBuilder();
        _outputs.Clear();
        Visit(node.Body);
        var found = new List<(ScriptExpressionStatement, ShellPlace)>();
        Flush(found);
        _found.AddRange(found);
        _text = text;
        foreach (var (k, v) in outputs)
            _outputs[k] = v;
    }
}
