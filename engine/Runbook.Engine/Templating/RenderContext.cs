using System.Collections;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Runbook.Templating;

/// <summary>
/// One render's state, and where Runbook's rules meet Scriban: every value a template prints (not its literal text) is
/// shell-quoted unless it is <see cref="RawText"/> or a captured block; printing an undefined value or turning it
/// into text records it as a problem; comparisons follow Liquid (<see cref="LiquidCompare"/>); and every statement and
/// loop iteration counts against <see cref="TemplateEngine.MaxSteps"/> per render. Not thread-safe: the engine hands
/// each concurrent render its own context.
/// </summary>
internal sealed partial class RenderContext : TemplateContext
{
    private readonly RenderGlobals _globals;
    private int _steps;
    private int _loopDepth;

    public RenderContext()
        : this(new RenderGlobals()) { }

    private RenderContext(RenderGlobals globals)
        : base(globals, StringComparer.Ordinal)
    {
        _globals = globals;

        // Liquid's rules, not Scriban's: no indentation added to multi-line values, no output cut at 1 MB, and
        // nil.member is nil.
        AutoIndent = false;
        IndentOnEmptyLines = false;
        LimitToString = 0;
        NewLine = "\n";
        EnableRelaxedMemberAccess = true;
        EnableRelaxedTargetAccess = true;
        EnableRelaxedIndexerAccess = true;
        EnableNullIndexer = true;
        LoopLimit = TemplateEngine.MaxSteps;
        RecursiveLimit = TemplateEngine.MaxRecursion;

        // Liquid's loop objects (forloop.index counts from 1), and {% break %} outside a loop ends the template.
        IsLiquid = true;
        Language = ScriptLang.Liquid;
        EnableBreakAndContinueAsReturnOutsideLoop = true;

        // Reading a name nothing defines (a local assigned on another branch) is a problem at once, as it was with
        // Fluid's undefined hook, even in a condition; the value is nil so the render goes on and reports them all.
        TryGetVariable = (TemplateContext _, ScribanSpan _, ScriptVariable variable, out object? value) =>
        {
            UndefinedPaths.Add(
                variable.Name switch
                {
                    "for" => "forloop",
                    "tablerow" => "tablerowloop",
                    var n => n,
                }
            );
            value = null;
            return true;
        };
    }

    public bool Quote => _places is not null;

    private IReadOnlyDictionary<int, ShellPlace>? _places;
    private int _output = -1;

    /// <summary>The undefined paths the last render printed or used as text, in order.</summary>
    public List<string> UndefinedPaths { get; } = [];

    /// <summary>Renders; <paramref name="places"/> (null: print values as they are) says how each output is
    /// quoted.</summary>
    public string Render(Template template, TemplateScope scope, IReadOnlyDictionary<int, ShellPlace>? places)
    {
        _places = places;
        _steps = 0;
        _loopDepth = 0;
        UndefinedPaths.Clear();
        _globals.Scope = scope;
        try
        {
            return template.Render(this);
        }
        finally
        {
            _globals.Scope = null;
            _globals.Clear();
        }
    }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        switch (scriptNode)
        {
            case ScriptExpressionStatement output:
                // Write gets the span of the value, not of its statement: the statement says where it is printed.
                Step(scriptNode);
                _output = output.Span.Start.Offset;
                break;
            case ScriptStatement and not ScriptBlockStatement:
                Step(scriptNode);
                break;
            case ScriptBinaryExpression { Left: { } left, Right: { } right } binary
                when LiquidCompare.Handles(binary.Operator):
                return LiquidCompare.Evaluate(this, binary.Operator, Evaluate(left, false), Evaluate(right, false));
            case ScriptExpression
                when scriptNode.Parent is ScriptCaseStatement c && ReferenceEquals(c.Value, scriptNode):
                // 'when' compares the case value inside Scriban; an undefined one must compare as nil, not as text.
                return UndefinedValue.ToNil(base.Evaluate(scriptNode, aliasReturnedFunction));
            case ScriptExpression
                when scriptNode.Parent is ScriptForStatement f && ReferenceEquals(f.Iterator, scriptNode):
                // Liquid loops over nil as over an empty list, so {% else %} runs; Scriban skips the whole loop.
                return base.Evaluate(scriptNode, aliasReturnedFunction) ?? Array.Empty<object?>();
            case ScriptVariableGlobal
            or ScriptMemberExpression when _loopDepth == 0 && TryReadPath((ScriptExpression)scriptNode, out var read):
                return read;
        }

        return base.Evaluate(scriptNode, aliasReturnedFunction);
    }

    /// <summary>
    /// Reads <c>name</c> or <c>name.member.member</c> straight from the one global store, as Scriban would, without
    /// its per-lookup iterators: outside loops (whose variables live in other stores) a name is found there or nowhere.
    /// A miss, or a function value (Scriban calls those), goes the long way.
    /// </summary>
    private bool TryReadPath(ScriptExpression path, out object? value)
    {
        switch (path)
        {
            case ScriptVariableGlobal variable:
                return _globals.TryGetValue(this, variable.Span, variable.Name, out value)
                    && value is not IScriptCustomFunction;
            case ScriptMemberExpression { Target: { } target, Member: { } member }
                when TryReadPath(target, out var parent):
                value = null;
                if (parent is null)
                    return true;
                GetMemberAccessor(parent).TryGetValue(this, member.Span, parent, member.Name, out value);
                return value is not IScriptCustomFunction;
            default:
                value = null;
                return false;
        }
    }

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        Step(loop);
        return true;
    }

    // Loops nest at most MaxRecursion deep, as Fluid's child scopes did.
    protected override void OnEnterLoop(ScriptLoopStatementBase loop)
    {
        if (++_loopDepth > TemplateEngine.MaxRecursion)
            throw new StepLimitException(loop.Span);
    }

    protected override void OnExitLoop(ScriptLoopStatementBase loop) => _loopDepth--;

    private void Step(ScriptNode node)
    {
        if (++_steps > TemplateEngine.MaxSteps)
            throw new StepLimitException(node.Span);
    }

    public override bool ToBool(ScribanSpan span, object? value) =>
        value is not UndefinedValue && base.ToBool(span, value);

    /// <summary>
    /// Outputs that print a value made from a secret, and whether this render shows them as the mask.
    /// </summary>
    public SecretOutputs? Secrets { get; set; }

    /// <summary>Prints a value the template interpolates: one shell word, unless it is shell text already.</summary>
    public override TemplateContext Write(ScribanSpan span, object? textAsObject)
    {
        var printed = Printed(span, textAsObject);
        if (printed is null)
            return this;
        if (Secrets is { } secrets && secrets.Offsets.Contains(_output))
        {
            // The value as printed and as the program gets it, for masking output; or the mask in its place.
            secrets.Printed.Add(printed);
            if (ObjectToString(textAsObject) is { } value)
                secrets.Printed.Add(value);
            if (secrets.Mask)
                printed = Graph.SecretMasker.Mask;
        }

        Write(printed);
        return this;
    }

    private string? Printed(ScribanSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return null;
            case UndefinedValue undefined:
                UndefinedPaths.Add(undefined.Path);
                return null;
            case RawText { Verbatim: true } raw:
                return raw.Text;
            case RawText raw:
                return Quote ? ShellEncoding.Encode(raw.Text, PlaceAt(span), shellWords: true) : raw.Text;
            case IScriptOutput captured:
                // A {% capture %} block: its values were quoted as they were printed into it.
                var block = captured.ToString() ?? string.Empty;
                return Quote ? ShellEncoding.Encode(block, PlaceAt(span), shellWords: true) : block;
            case CapturePlaceholders:
                return "<captures>";
            case NestedValue nested:
                // Marked for a nested shell: quoted for each level found, or one more than the engine sees.
                var place = PlaceAt(span);
                return Quote
                    ? ShellEncoding.Encode(nested.Text, place.Nested ? place : place.OneMoreLevel())
                    : nested.Text;
            default:
                var text = ObjectToString(textAsObject) ?? string.Empty;
                if (text.Length == 0)
                    return null;
                return Quote ? ShellEncoding.Encode(text, PlaceAt(span)) : text;
        }
    }

    /// <summary>The place of the output at a source offset; an output the reading did not find is plain text.</summary>
    private ShellPlace PlaceAt(ScribanSpan span) =>
        _places is not null
        && (_places.TryGetValue(_output, out var place) || _places.TryGetValue(span.Start.Offset, out place))
            ? place
            : ShellPlace.Plain;

    /// <summary>A value as text, as Liquid prints it; the text of an undefined value is a recorded problem.</summary>
    public override string? ObjectToString(object? value, bool nested = false)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case UndefinedValue undefined:
                UndefinedPaths.Add(undefined.Path);
                return string.Empty;
            case bool b:
                return b ? "true" : "false";
            case RawText or StrictMapValue or CapturePlaceholders or IScriptOutput or NestedValue:
                return value.ToString();
            case double or float when LiquidCompare.Number(value) is { } d:
                return d.ToString(CultureInfo.InvariantCulture);
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                // A list prints as its items run together, as Liquid prints arrays.
                return string.Concat(items.Cast<object?>().Select(i => ObjectToString(i)));
            default:
                return base.ObjectToString(value, nested);
        }
    }

    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        target switch
        {
            UndefinedValue => UndefinedAccessor.Instance,
            object?[] => ListAccessor.Instance,
            _ => base.GetMemberAccessorImpl(target),
        };

    /// <summary>
    /// The only global store of a render, so a name is found with one lookup chain rather than one per pushed store
    /// (Scriban walks every store of every global with an iterator): the template's own assignments, then the scope
    /// (host, params, ...), then the filters and Liquid's literals.
    /// </summary>
    private sealed class RenderGlobals() : ScriptObject(8, false)
    {
        public TemplateScope? Scope { get; set; }

        public override bool Contains(string member) =>
            base.Contains(member)
            || Scope?.TryGetValue(member, out _) == true
            || TemplateFilters.Builtins.Contains(member);

        public override bool TryGetValue(
            TemplateContext? context,
            ScribanSpan span,
            string member,
            out object? value
        ) =>
            base.TryGetValue(context, span, member, out value)
            || Scope?.TryGetValue(member, out value) == true
            || TemplateFilters.Builtins.TryGetValue(member, out value);

        public override bool CanWrite(string member) => true;
    }

}

/// <summary>Thrown when a render exceeds <see cref="TemplateEngine.MaxSteps"/>; reported as the step limit.</summary>
internal sealed class StepLimitException(ScribanSpan span) : ScriptRuntimeException(span, "step limit");
