using Fluid;
using Fluid.Ast;

namespace Runbook.Templating;

/// <summary>Walks a parsed template and records the context names, members and filters it uses.</summary>
internal sealed class TemplateAnalyzer : AstVisitor
{
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank" };
    private readonly List<(string Root, string? Member)> _reads = [];
    private readonly TemplateAnalysis _result = new();

    public static TemplateAnalysis Analyze(IFluidTemplate template)
    {
        var analyzer = new TemplateAnalyzer();
        analyzer.VisitTemplate(template);
        foreach (var (root, member) in analyzer._reads)
        {
            if (analyzer._locals.Contains(root)) continue;
            analyzer._result.Roots.Add(root);
            if (member is not null) analyzer._result.Members.Add((root, member));
        }

        return analyzer._result;
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var segments = memberExpression.Segments;
        if (segments.Count > 0 && segments[0] is IdentifierSegment root)
        {
            var member = segments.Count > 1 && segments[1] is IdentifierSegment m ? m.Identifier : null;
            _reads.Add((root.Identifier, member));
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        _result.Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _locals.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _locals.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }
}
