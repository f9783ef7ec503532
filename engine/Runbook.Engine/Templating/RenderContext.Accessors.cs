using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Runbook.Templating;

/// <summary>The member accessors of a render: how undefined values and Liquid's list members answer.</summary>
internal sealed partial class RenderContext
{
    /// <summary>Every member of an undefined value is that value: the error names the first missing part.</summary>
    private sealed class UndefinedAccessor : IObjectAccessor
    {
        public static readonly UndefinedAccessor Instance = new();

        public int GetMemberCount(TemplateContext context, ScribanSpan span, object target) => 0;

        public IEnumerable<string> GetMembers(TemplateContext context, ScribanSpan span, object target) => [];

        public bool HasMember(TemplateContext context, ScribanSpan span, object target, string member) => true;

        public bool TryGetValue(
            TemplateContext context,
            ScribanSpan span,
            object target,
            string member,
            out object? value
        )
        {
            value = target;
            return true;
        }

        public bool TrySetValue(
            TemplateContext context,
            ScribanSpan span,
            object target,
            string member,
            object? value
        ) => false;

        public bool TryGetItem(
            TemplateContext context,
            ScribanSpan span,
            object target,
            object index,
            out object? value
        )
        {
            value = target;
            return true;
        }

        public bool TrySetItem(TemplateContext context, ScribanSpan span, object target, object index, object? value) =>
            false;

        public bool HasIndexer => true;

        public Type? IndexType => typeof(object);
    }

    /// <summary>Liquid's list members: size, first and last.</summary>
    private sealed class ListAccessor : IObjectAccessor
    {
        public static readonly ListAccessor Instance = new();

        private static readonly string[] Names = ["size", "first", "last"];

        public int GetMemberCount(TemplateContext context, ScribanSpan span, object target) => Names.Length;

        public IEnumerable<string> GetMembers(TemplateContext context, ScribanSpan span, object target) => Names;

        public bool HasMember(TemplateContext context, ScribanSpan span, object target, string member) =>
            Names.Contains(member);

        public bool TryGetValue(
            TemplateContext context,
            ScribanSpan span,
            object target,
            string member,
            out object? value
        )
        {
            var list = (object?[])target;
            value = member switch
            {
                "size" => (long)list.Length,
                "first" => list.Length > 0 ? list[0] : null,
                "last" => list.Length > 0 ? list[^1] : null,
                _ => null,
            };
            return member is "size" or "first" or "last";
        }

        public bool TrySetValue(
            TemplateContext context,
            ScribanSpan span,
            object target,
            string member,
            object? value
        ) => false;

        public bool TryGetItem(
            TemplateContext context,
            ScribanSpan span,
            object target,
            object index,
            out object? value
        )
        {
            value = null;
            return false;
        }

        public bool TrySetItem(TemplateContext context, ScribanSpan span, object target, object index, object? value) =>
            false;

        public bool HasIndexer => false;

        public Type? IndexType => null;
    }
}
