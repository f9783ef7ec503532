using Scriban.Syntax;

namespace Runbook.Templating;

/// <summary>
/// Which outputs of a template print a value made from a secret param: one that reads <c>params.NAME</c> of a secret,
/// or a local assigned, looped over or captured from one. Such an output is masked as a whole in what people see
/// (<c>{{ params.token | upcase | append: '-x' }}</c> shows <c>***</c>), whatever filters changed the value.
/// </summary>
internal sealed class SecretTaint : ScriptVisitor
{
    private readonly IReadOnlySet<string> _secrets;
    private readonly HashSet<string> _tainted = new(StringComparer.Ordinal);
    private readonly HashSet<int> _outputs = [];
    private bool _capturing;
    private bool _capturedTainted;

    private SecretTaint(IReadOnlySet<string> secrets) => _secrets = secrets;

    /// <summary>The source offsets of the tainted output statements (empty when no secret is read).</summary>
    public static IReadOnlySet<int> Outputs(ScriptPage? page, IReadOnlySet<string> secretParams)
    {
        if (page is null || secretParams.Count == 0)
            return new HashSet<int>();
        var taint = new SecretTaint(secretParams);
        // Twice: a local assigned from a secret in a loop's later iteration taints outputs before it in the text.
        taint.Visit(page);
        taint.Visit(page);
        return taint._outputs;
    }

    public override void Visit(ScriptExpressionStatement node)
    {
        if (node.Expression is ScriptAssignExpression assign)
        {
            Visit(assign);
            return;
        }

        if (Reads(node.Expression))
        {
            _outputs.Add(node.Span.Start.Offset);
            _capturedTainted |= _capturing;
        }
    }

    public override void Visit(ScriptAssignExpression node)
    {
        if (node.Target is ScriptVariable target && Reads(node.Value))
            _tainted.Add(target.Name);
    }

    public override void Visit(ScriptForStatement node)
    {
        if (node.Variable is ScriptVariable variable && Reads(node.Iterator))
            _tainted.Add(variable.Name);
        Visit(node.Body);
        Visit(node.Else);
    }

    public override void Visit(ScriptCaptureStatement node)
    {
        var (capturing, tainted) = (_capturing, _capturedTainted);
        (_capturing, _capturedTainted) = (true, false);
        Visit(node.Body);
        if (_capturedTainted && node.Target is ScriptVariable target)
            _tainted.Add(target.Name);
        (_capturing, _capturedTainted) = (capturing, tainted || _capturedTainted);
    }

    private bool Reads(ScriptNode? expression)
    {
        if (expression is null)
            return false;
        var reads = new ReadsSecret(this);
        reads.Visit(expression);
        return reads.Found;
    }

    private sealed class ReadsSecret(SecretTaint taint) : ScriptVisitor
    {
        public bool Found { get; private set; }

        public override void Visit(ScriptMemberExpression node)
        {
            if (node.Target is ScriptVariable { Name: "params" } && node.Member is { } member)
                Found |= taint._secrets.Contains(member.Name);
            else
                base.Visit(node);
        }

        public override void Visit(ScriptIndexerExpression node)
        {
            if (node.Target is ScriptVariable { Name: "params" } && node.Index is ScriptLiteral { Value: string name })
                Found |= taint._secrets.Contains(name);
            else
                base.Visit(node);
        }

        public override void Visit(ScriptVariableGlobal node) =>
            Found |= node.Name == "params" || taint._tainted.Contains(node.Name);

        public override void Visit(ScriptVariableLocal node) => Found |= taint._tainted.Contains(node.Name);
    }
}
