using Runbook.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace Runbook.Parsing;

/// <summary>
/// Builds a <see cref="SyntaxNode"/> tree from YamlDotNet's event stream. Written over the event parser (not
/// YamlDotNet's representation model) so that duplicate keys become diagnostics instead of exceptions, every node
/// keeps its position, and nesting depth is bounded without recursion.
/// </summary>
internal sealed class YamlTreeBuilder(string path, DiagnosticBag diagnostics)
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 2_000_000;

    /// <summary>
    /// How many nodes aliases may add beyond what is written. Each expanded node costs every later stage (values,
    /// schema check, templates) a few hundred bytes: a million of them took 450 MB to reject (fuzzer finding), while
    /// the shipped runbooks' aliases (shared steps and gates) add a few hundred.
    /// </summary>
    public const int MaxAliasNodes = 100_000;

    private readonly Dictionary<string, (SyntaxNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _stack = new();

    // Counted as expanded: an alias adds every node of what it refers to, so nine levels of ten aliases (an alias bomb,
    // under 500 bytes) count as the billion nodes a reader that walks them would meet.
    private long _nodes;
    private long _aliasNodes;

    public SyntaxNode? Build(string text)
    {
        var parser = new Parser(new StringReader(text));
        SyntaxNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                switch (ev)
                {
                    case DocumentStart ds when !ds.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            diagnostics.Error(
                                Codes.UnsupportedYaml,
                                Span(ev.Start),
                                "the file holds more than one YAML document",
                                "keep one runbook or inventory per file: remove the '---' separator"
                            );
                            return root;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart ms:
                        if (!Push(new Frame(Span(ev.Start), true, ms.Anchor.IsEmpty ? null : ms.Anchor.Value)))
                            return null;
                        break;
                    case SequenceStart ss:
                        if (!Push(new Frame(Span(ev.Start), false, ss.Anchor.IsEmpty ? null : ss.Anchor.Value)))
                            return null;
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = _stack.Pop();
                        SyntaxNode node = frame.IsMapping
                            ? new MappingSyntax(frame.Span, frame.Entries)
                            : new SequenceSyntax(frame.Span, frame.Items);
                        var size = 1 + frame.Expanded;
                        if (frame.Anchor is not null)
                            _anchors[frame.Anchor] = (node, size);
                        if (!Add(node, ref root, size, counted: frame.Expanded))
                            return null;
                        break;
                    case Scalar s:
                        var scalar = ToScalar(s);
                        if (!s.Anchor.IsEmpty)
                            _anchors[s.Anchor.Value] = (scalar, 1);
                        if (!Add(scalar, ref root))
                            return null;
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            diagnostics.Error(
                                Codes.YamlSyntax,
                                Span(ev.Start),
                                $"alias '*{alias.Value.Value}' refers to no anchor defined before it"
                            );
                            return null;
                        }

                        _aliasNodes += target.Size;
                        if (_aliasNodes > MaxAliasNodes)
                        {
                            diagnostics.Error(
                                Codes.FileTooLarge,
                                Span(ev.Start),
                                $"the YAML's aliases stand for more than {MaxAliasNodes:N0} nodes",
                                "write the repeated part out, or repeat it fewer times"
                            );
                            return null;
                        }

                        if (!Add(target.Node, ref root, target.Size))
                            return null;
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            var message = CleanMessage(ex.Message);
            var hint = message.Contains("mapping", StringComparison.OrdinalIgnoreCase)
                ? "check the indentation of this line and the one before; a value that holds ': ' (such as a Liquid filter argument, default: 'y') must be quoted as a whole"
                : null;
            diagnostics.Error(Codes.YamlSyntax, Span(ex.Start), message, hint);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unclosed flow collections,
            // such as "a:\n  b: [c\n  d: e" (aaubry/YamlDotNet#541).
            var at = parser.Current is { } current ? Span(current.End) : new SourceSpan(path, 1, 1);
            diagnostics.Error(
                Codes.YamlSyntax,
                at,
                "the YAML cannot be parsed after this point",
                "look for a '[' or '{' that is never closed"
            );
            return null;
        }

        return root;
    }

    private bool Push(Frame frame)
    {
        if (_stack.Count >= MaxDepth)
        {
            diagnostics.Error(Codes.TooDeep, frame.Span, $"the YAML is nested more than {MaxDepth} levels deep");
            return false;
        }

        _stack.Push(frame);
        return true;
    }

    /// <summary>Adds a node of <paramref name="size"/> expanded nodes, <paramref name="counted"/> of them already
    /// counted.</summary>
    private bool Add(SyntaxNode node, ref SyntaxNode? root, long size = 1, long counted = 0)
    {
        _nodes += size - counted;
        if (_stack.Count > 0)
            _stack.Peek().Expanded += size;
        if (_nodes > MaxNodes)
        {
            diagnostics.Error(
                Codes.FileTooLarge,
                node.Span,
                $"the YAML holds more than {MaxNodes:N0} nodes (aliases count each time they are used)"
            );
            return false;
        }

        if (_stack.Count == 0)
        {
            root = node;
            return true;
        }

        var parent = _stack.Peek();
        if (!parent.IsMapping)
        {
            parent.Items.Add(node);
            return true;
        }

        if (parent.PendingKey is null)
        {
            if (node is not ScalarSyntax key)
            {
                diagnostics.Error(
                    Codes.UnsupportedYaml,
                    node.Span,
                    "a mapping key must be a plain value, not " + node.Describe()
                );
                parent.PendingKey = new ScalarSyntax(node.Span, "\0invalid", Parsing.ScalarStyle.Plain);
                return true;
            }

            parent.PendingKey = key;
            return true;
        }

        var k = parent.PendingKey;
        parent.PendingKey = null;
        if (k.Value == "\0invalid")
            return true;
        var first = parent.Entries.FirstOrDefault(e => e.Key.Value == k.Value).Key;
        if (first is not null)
        {
            diagnostics.Error(
                Codes.DuplicateKey,
                k.Span,
                $"duplicate key '{k.Value}' (first defined at line {first.Span.Line})"
            );
            return true;
        }

        parent.Entries.Add(new(k, node));
        return true;
    }

    private ScalarSyntax ToScalar(Scalar s)
    {
        var style = s.Style switch
        {
            YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => Parsing.ScalarStyle.Quoted,
            YamlScalarStyle.Literal or YamlScalarStyle.Folded => Parsing.ScalarStyle.Block,
            _ => Parsing.ScalarStyle.Plain,
        };
        if (!s.Tag.IsEmpty)
        {
            switch (s.Tag.Value)
            {
                case "tag:yaml.org,2002:str":
                    style = Parsing.ScalarStyle.Quoted;
                    break;
                case "tag:yaml.org,2002:int"
                or "tag:yaml.org,2002:bool"
                or "tag:yaml.org,2002:float"
                or "tag:yaml.org,2002:null":
                    style = Parsing.ScalarStyle.Plain;
                    break;
                default:
                    diagnostics.Error(
                        Codes.UnsupportedYaml,
                        Span(s.Start),
                        $"the YAML tag '{s.Tag.Value}' is not supported",
                        "remove the tag; only !!str, !!int, !!bool, !!float and !!null are understood"
                    );
                    break;
            }
        }

        var length = s.End.Line == s.Start.Line ? (int)(s.End.Column - s.Start.Column) : 1;
        return new ScalarSyntax(Span(s.Start, length), s.Value, style);
    }

    private SourceSpan Span(Mark mark, int length = 1) =>
        new(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), Math.Max(1, length));

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is ours to print.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 && message.StartsWith('(') ? message[(i + 3)..] : message;
        return text.TrimEnd('.');
    }

    private sealed class Frame(SourceSpan span, bool isMapping, string? anchor)
    {
        public SourceSpan Span { get; } = span;
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public List<KeyValuePair<ScalarSyntax, SyntaxNode>> Entries { get; } = [];
        public List<SyntaxNode> Items { get; } = [];
        public ScalarSyntax? PendingKey { get; set; }

        /// <summary>Nodes inside this collection so far, aliases expanded.</summary>
        public long Expanded { get; set; }
    }
}
