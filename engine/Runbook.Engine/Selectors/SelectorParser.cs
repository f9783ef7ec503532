using Runbook.Diagnostics;

namespace Runbook.Selectors;

/// <summary>
/// Parses selectors: <c>role=etcd</c>, <c>role!=worker</c>, <c>role in (etcd, control-plane)</c>, <c>label.zone=a</c>,
/// <c>name=cp-*</c>, combined with and/or/not and parentheses (Parsing/HostTargetParser wraps one in any(...) or
/// all(...)).
/// </summary>
internal sealed class SelectorParser
{
    private const int MaxNesting = 32;
    private readonly List<SelectorToken> _tokens;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private SelectorParser(string text)
    {
        _text = text;
        _tokens = SelectorLexer.Tokenize(text);
    }

    /// <summary>Parses a selector. <paramref name="start"/> is where the text's first character is in the file.</summary>
    public static Selector? Parse(string text, SourceSpan start, DiagnosticBag diagnostics)
    {
        var parser = new SelectorParser(text);
        try
        {
            var s = parser.ParseExpression();
            parser.Expect(SelectorTokenKind.End, "the end of the selector");
            return s;
        }
        catch (SelectorSyntaxException ex)
        {
            diagnostics.Error(
                Codes.BadSelector,
                start.WithOffset(ex.Offset, ex.Length),
                $"bad selector '{text}': {ex.Message}"
            );
            return null;
        }
    }

    private Selector ParseExpression()
    {
        if (++_depth > MaxNesting)
            throw Error(Peek, $"more than {MaxNesting} nested parentheses");
        var left = ParseAnd();
        while (IsKeyword(Peek, "or"))
        {
            _pos++;
            left = new OrSelector(left, ParseAnd());
        }

        _depth--;
        return left;
    }

    private Selector ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword(Peek, "and"))
        {
            _pos++;
            left = new AndSelector(left, ParseUnary());
        }

        return left;
    }

    private Selector ParseUnary()
    {
        if (IsKeyword(Peek, "not"))
        {
            _pos++;
            return new NotSelector(ParseUnary());
        }

        return ParsePrimary();
    }

    private Selector ParsePrimary()
    {
        var t = Next();
        if (t.Kind == SelectorTokenKind.Open)
        {
            var inner = ParseExpression();
            Expect(SelectorTokenKind.Close, "')'");
            return inner;
        }

        if (t.Kind == SelectorTokenKind.Word && t.Text is "all" or "*")
            return EveryHostSelector.Instance;
        if (t.Kind != SelectorTokenKind.Word)
            throw Error(t, $"expected a field (role, name or label.KEY), found {Describe(t)}");

        var (field, key) = t.Text switch
        {
            "role" or "roles" or "group" => (SelectorField.Role, (string?)null),
            "name" or "host" => (SelectorField.Name, null),
            _ when t.Text.StartsWith("label.", StringComparison.Ordinal) && t.Text.Length > 6 => (
                SelectorField.Label,
                t.Text[6..]
            ),
            _ when t.Text.StartsWith("var.", StringComparison.Ordinal) && t.Text.Length > 4 => (
                SelectorField.Var,
                t.Text[4..]
            ),
            _ => throw Error(
                t,
                $"unknown field '{t.Text}'; use role, name or label.KEY (for a role, write role={t.Text})"
            ),
        };

        var op = Next();
        if (op.Kind is SelectorTokenKind.Equal or SelectorTokenKind.NotEqual)
        {
            return new ComparisonSelector(field, key, [Value()], op.Kind == SelectorTokenKind.NotEqual, false);
        }

        var negated = false;
        if (IsKeyword(op, "not"))
        {
            negated = true;
            op = Next();
        }

        if (!IsKeyword(op, "in"))
            throw Error(op, $"expected '=', '!=', 'in' or 'not in' after '{t.Text}', found {Describe(op)}");
        Expect(SelectorTokenKind.Open, "'(' after 'in'");
        var values = new List<string> { Value() };
        while (Peek.Kind == SelectorTokenKind.Comma)
        {
            _pos++;
            values.Add(Value());
        }

        Expect(SelectorTokenKind.Close, "')' or ',' in the list");
        return new ComparisonSelector(field, key, values, negated, true);
    }

    private string Value()
    {
        var t = Next();
        if (t.Kind is SelectorTokenKind.Word or SelectorTokenKind.Quoted && t.Text.Length > 0)
            return t.Text;
        throw Error(t, $"expected a value, found {Describe(t)}");
    }

    private SelectorToken Peek => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private SelectorToken Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private void Expect(SelectorTokenKind kind, string what)
    {
        var t = Next();
        if (t.Kind != kind)
            throw Error(t, $"expected {what}, found {Describe(t)}");
    }

    private static bool IsKeyword(SelectorToken t, string word) => t.Kind == SelectorTokenKind.Word && t.Text == word;

    private static string Describe(SelectorToken t) =>
        t.Kind switch
        {
            SelectorTokenKind.End => "the end of the selector",
            SelectorTokenKind.Invalid => $"'{t.Text}', which selectors do not use",
            _ => $"'{t.Text}'",
        };

    private SelectorSyntaxException Error(SelectorToken t, string message) =>
        new(message, t.Offset, Math.Max(1, Math.Min(t.Text.Length, _text.Length - t.Offset)));
}
