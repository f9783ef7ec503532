using System.Collections;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbook.Templating;

/// <summary>
/// The filters a template can call: Liquid's standard filters as Scriban implements them, Runbook's own (shjoin,
/// with_role, raw), and Liquid's rules kept by hand where Scriban's differ and a plan would change: <c>default</c>
/// (nil, false, empty and undefined all take the default), <c>join</c> (no separator by default), <c>map</c> (a
/// missing member stays undefined, so printing it is an error) and <c>size</c> (nil has no size). Nothing else is
/// reachable from a template: no Scriban builtin objects (date.now, include, ...), so a render reads only its scope.
/// </summary>
internal static class TemplateFilters
{
    /// <summary>The filters and Liquid's literal names, pushed as the bottom global store of every render.</summary>
    public static readonly ScriptObject Builtins = Create();

    /// <summary>
    /// The filter that quotes a value for the shell a command starts (bash -c '…', ssh host '…').
    /// </summary>
    public const string ShellQuoteNested = "shell_quote_nested";

    public static bool IsKnown(string name) =>
        Builtins.TryGetValue(name, out var value) && value is IScriptCustomFunction;

    private static ScriptObject Create()
    {
        var builtins = new ScriptObject(64, false);
        var liquid = new LiquidBuiltinsFunctions();
        foreach (var name in liquid.GetMembers())
        {
            if (
                LiquidBuiltinsFunctions.TryLiquidToScriban(name, out _, out _)
                && liquid[name] is IScriptCustomFunction filter
            )
            {
                builtins.SetValue(name, new KeepsRaw(filter), true);
            }
        }

        builtins.SetValue(
            "raw",
            new Filter(1, 1, (c, a) => new RawText(c.ObjectToString(a[0]) ?? string.Empty, true)),
            true
        );
        builtins.SetValue(ShellQuoteNested, new Filter(1, 1, (c, a) => new NestedValue(c.ObjectToString(a[0]))), true);
        builtins.SetValue("shjoin", new Filter(1, 1, ShellJoin), true);
        builtins.SetValue("with_role", new Filter(2, 2, WithRole), true);
        builtins.SetValue("default", new Filter(1, 2, Default), true);
        builtins.SetValue("join", new Filter(1, 2, Join), true);
        builtins.SetValue("map", new Filter(2, 2, Map), true);
        builtins.SetValue("size", new Filter(1, 1, Size), true);

        // Liquid's literals; Scriban's Liquid parser reads them as plain names.
        builtins.SetValue("nil", null, true);
        builtins.SetValue("empty", EmptyScriptObject.Default, true);
        builtins.SetValue("blank", EmptyScriptObject.Default, true);
        builtins.IsReadOnly = true;
        return builtins;
    }

    /// <summary>Quotes each item as its own shell word and joins them with spaces: <c>{{ files | shjoin }}</c>.</summary>
    private static RawText ShellJoin(TemplateContext context, ScriptArray arguments)
    {
        var words = Items(arguments[0]) is { } items
            ? items.Select(v => ShellQuote.Quote(context.ObjectToString(v) ?? string.Empty))
            : [ShellQuote.Quote(context.ObjectToString(arguments[0]) ?? string.Empty)];
        return new RawText(string.Join(' ', words));
    }

    /// <summary>Keeps the hosts that have a role: <c>{{ hosts | with_role: 'etcd' | map: 'address' | join: ',' }}</c>.</summary>
    private static object?[] WithRole(TemplateContext context, ScriptArray arguments)
    {
        var role = context.ObjectToString(arguments[1]);
        return (Items(arguments[0]) ?? [])
            .Where(h =>
                h is StrictMapValue m
                && m.Members.TryGetValue("roles", out var roles)
                && (Items(roles) ?? []).Any(r => context.ObjectToString(r) == role)
            )
            .ToArray();
    }

    private static object? Default(TemplateContext context, ScriptArray arguments)
    {
        var input = arguments[0];
        var isBlank = input is null or UndefinedValue or false || LiquidCompare.IsEmpty(input);
        if (!isBlank)
            return input;
        return arguments.Count > 1 ? arguments[1] : string.Empty;
    }

    private static object? Join(TemplateContext context, ScriptArray arguments)
    {
        if (Items(arguments[0]) is not { } items)
            return arguments[0];
        var separator = arguments.Count > 1 ? context.ObjectToString(arguments[1]) : string.Empty;
        return string.Join(separator, items.Select(i => context.ObjectToString(i)));
    }

    private static object?[] Map(TemplateContext context, ScriptArray arguments)
    {
        var member = context.ObjectToString(arguments[1]) ?? string.Empty;
        return (Items(arguments[0]) ?? [])
            .Select(item =>
            {
                if (item is null)
                    return null;
                var accessor = context.GetMemberAccessor(item);
                return accessor.TryGetValue(context, context.CurrentSpan, item, member, out var value) ? value : null;
            })
            .ToArray();
    }

    private static object? Size(TemplateContext context, ScriptArray arguments) =>
        arguments[0] switch
        {
            null or UndefinedValue => null,
            string s => (long)s.Length,
            StrictMapValue m => (long)m.Count,
            RawText r => (long)r.Text.Length,
            IScriptOutput o => (long)(o.ToString()?.Length ?? 0),
            ICollection c => (long)c.Count,
            IEnumerable e => (long)e.Cast<object?>().Count(),
            _ => null,
        };

    /// <summary>The items of a list; null for a string, a mapping or an undefined value, which are one value.</summary>
    internal static IEnumerable<object?>? Items(object? value) =>
        value switch
        {
            null or string or StrictMapValue or UndefinedValue or RawText or IScriptOutput => null,
            IEnumerable e => e.Cast<object?>(),
            _ => null,
        };

    /// <summary>
    /// One of Scriban's filters, with Liquid's rule that text made from unquoted text stays unquoted:
    /// <c>{{ files | shjoin | prepend: '--files ' }}</c> quotes each file once, not the whole again.
    /// </summary>
    private sealed class KeepsRaw(IScriptCustomFunction inner) : IScriptCustomFunction
    {
        public int RequiredParameterCount => inner.RequiredParameterCount;

        public int ParameterCount => inner.ParameterCount;

        public ScriptVarParamKind VarParamKind => inner.VarParamKind;

        public Type ReturnType => inner.ReturnType;

        // The piped value reaches Invoke as it is, so Invoke can see that it was raw, and converts it as Scriban would.
        public ScriptParameterInfo GetParameterInfo(int index) =>
            index == 0 ? new ScriptParameterInfo(typeof(object), "input") : inner.GetParameterInfo(index);

        public object? Invoke(
            TemplateContext context,
            ScriptNode? callerContext,
            ScriptArray arguments,
            ScriptBlockStatement? block
        )
        {
            var raw = arguments.Count > 0 && arguments[0] is RawText or IScriptOutput;
            var verbatim = arguments.Count > 0 && arguments[0] is RawText { Verbatim: true };
            if (arguments.Count > 0 && inner.ParameterCount > 0)
            {
                var span = callerContext?.Span ?? context.CurrentSpan;
                arguments[0] = context.ToObject(span, arguments[0], inner.GetParameterInfo(0).ParameterType);
            }

            var result = inner.Invoke(context, callerContext, arguments, block);
            return raw && result is string text ? new RawText(text, verbatim) : result;
        }

        public ValueTask<object?> InvokeAsync(
            TemplateContext context,
            ScriptNode? callerContext,
            ScriptArray arguments,
            ScriptBlockStatement? block
        ) => new(Invoke(context, callerContext, arguments, block));
    }

    /// <summary>A filter with Liquid's argument rules: the piped value, then up to max - 1 untyped arguments.</summary>
    private sealed class Filter(int required, int max, Func<TemplateContext, ScriptArray, object?> body)
        : IScriptCustomFunction
    {
        public int RequiredParameterCount => required;

        public int ParameterCount => max;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(object);

        public ScriptParameterInfo GetParameterInfo(int index) =>
            index < required
                ? new ScriptParameterInfo(typeof(object), $"arg{index}")
                : new ScriptParameterInfo(typeof(object), $"arg{index}", null);

        public object? Invoke(
            TemplateContext context,
            ScriptNode? callerContext,
            ScriptArray arguments,
            ScriptBlockStatement? block
        ) => body(context, arguments);

        public ValueTask<object?> InvokeAsync(
            TemplateContext context,
            ScriptNode? callerContext,
            ScriptArray arguments,
            ScriptBlockStatement? block
        ) => new(body(context, arguments));
    }
}
