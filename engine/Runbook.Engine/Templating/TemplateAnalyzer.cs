using Scriban.Syntax;

namespace Runbook.Templating;

/// <summary>
/// Walks a parsed template and records the context names, members and filters it uses. Scriban's Liquid parser
/// turns tags into Scriban nodes (assign into an assignment, forloop into 'for', a filter into the target of a pipe),
/// so this visitor knows which names are declared, which are filters and which are read.
/// </summary>
internal sealed class TemplateAnalyzer : ScriptVisitor
{
    // Liquid's loop objects and literals, under their Liquid and their Scriban names.
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal)
    {
        "forloop",
        "tablerowloop",
        "for",
        "tablerow",
        "empty",
        "blank",
        "nil",
    };

    private readonly List<(string Root, string? Member)> _reads = [];
    private readonly TemplateAnalysis _result = new();
    private (string Message, int Offset)? _notLiquid;
    private int _inFilter;

    /// <summary>The analysis, or the first construct Liquid does not have (a syntax error at that offset).</summary>
    public static TemplateAnalysis Analyze(ScriptPage page, out (string Message, int Offset)? notLiquid)
    {
        var analyzer = new TemplateAnalyzer();
        analyzer.Visit(page);
        foreach (var (root, member) in analyzer._reads)
        {
            if (analyzer._locals.Contains(root))
                continue;
            analyzer._result.Roots.Add(root);
            if (member is not null)
                analyzer._result.Members.Add((root, member));
        }

        notLiquid = analyzer._notLiquid;
        return analyzer._result;
    }

    /// <summary>
    /// Liquid has comparisons, and, or, contains and ranges; Scriban's Liquid parser also takes arithmetic, and reads
    /// a negative filter argument (<c>plus: -1</c>, <c>slice: 1, -2</c>) as a subtraction, silently. Both are refused.
    /// </summary>
    public override void Visit(ScriptBinaryExpression node)
    {
        if (
            !LiquidCompare.Handles(node.Operator)
            && node.Operator
                is not (ScriptBinaryOperator.And or ScriptBinaryOperator.Or or ScriptBinaryOperator.RangeInclude)
        )
        {
            var offset = (node.OperatorToken ?? (ScriptNode?)node.Right ?? node).Span.Start.Offset;
            var message =
                node.Operator is ScriptBinaryOperator.Subtract && _inFilter > 0
                    ? "a negative number cannot be a filter argument ('-' reads as a subtraction): assign it first, "
                        + "as in {% assign n = -1 %}, and pass n"
                    : $"'{node.OperatorAsText}' is not Liquid: use the filters plus, minus, times and divided_by";
            _notLiquid ??= (message, offset);
        }

        base.Visit(node);
    }

    public override void Visit(ScriptVariableGlobal node) => _reads.Add((node.Name, null));

    public override void Visit(ScriptVariableLocal node) => _reads.Add((node.Name, null));

    public override void Visit(ScriptMemberExpression node) => VisitPath(node);

    public override void Visit(ScriptIndexerExpression node) => VisitPath(node);

    /// <summary>
    /// A read such as <c>params.settle</c> or <c>hosts[0].name</c>: the root name, and the member right after it when
    /// it is a name (not an index). Member names are not reads; index expressions are walked for their own reads.
    /// </summary>
    private void VisitPath(ScriptExpression path)
    {
        string? next = null;
        var current = path;
        while (true)
        {
            switch (current)
            {
                case ScriptMemberExpression member:
                    next = member.Member?.Name;
                    current = member.Target;
                    continue;
                case ScriptIndexerExpression
                {
                    Target: ScriptThisExpression,
                    Index: ScriptLiteral { Value: string name },
                }:
                    // Liquid allows '-' in a name; Scriban reads {{ a-b }} as this["a-b"].
                    _reads.Add((name, next));
                    return;
                case ScriptIndexerExpression indexer:
                    next = null;
                    Visit(indexer.Index);
                    current = indexer.Target;
                    continue;
                case ScriptVariable variable:
                    _reads.Add((variable.Name, next));
                    return;
                default:
                    Visit(current);
                    return;
            }
        }
    }

    public override void Visit(ScriptPipeCall node)
    {
        Visit(node.From);
        VisitFilter(node.To);
    }

    /// <summary>The right side of a '|': a filter name, with arguments, or the next filters of the chain.</summary>
    private void VisitFilter(ScriptExpression? node)
    {
        _inFilter++;
        VisitFilterPart(node);
        _inFilter--;
    }

    private void VisitFilterPart(ScriptExpression? node)
    {
        switch (node)
        {
            case ScriptVariable filter:
                _result.Filters.Add(filter.Name);
                break;
            case ScriptFunctionCall { Target: ScriptVariable filter } call:
                _result.Filters.Add(filter.Name);
                Visit(call.Arguments);
                break;
            case ScriptPipeCall pipe:
                VisitFilterPart(pipe.From);
                VisitFilterPart(pipe.To);
                break;
            default:
                Visit(node);
                break;
        }
    }

    public override void Visit(ScriptNamedArgument node) => Visit(node.Value);

    public override void Visit(ScriptForStatement node) => VisitLoop(node);

    public override void Visit(ScriptTableRowStatement node) => VisitLoop(node);

    private void VisitLoop(ScriptForStatement node)
    {
        Declare(node.Variable);
        Visit(node.Iterator);
        if (node.NamedArguments is { } arguments)
            Visit(arguments);
        Visit(node.Body);
        Visit(node.Else);
    }

    public override void Visit(ScriptAssignExpression node)
    {
        Declare(node.Target);
        Visit(node.Value);
    }

    public override void Visit(ScriptCaptureStatement node)
    {
        Declare(node.Target);
        Visit(node.Body);
    }

    private void Declare(ScriptExpression? target)
    {
        if (target is ScriptVariable variable)
            _locals.Add(variable.Name);
        else
            Visit(target);
    }
}
