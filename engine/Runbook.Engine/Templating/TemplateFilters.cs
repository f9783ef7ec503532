using Fluid;
using Fluid.Values;

namespace Runbook.Templating;

/// <summary>Runbook's own filters, on top of Liquid's standard ones.</summary>
internal static class TemplateFilters
{
    public static void Register(TemplateOptions options)
    {
        options.Filters.AddFilter("shjoin", ShellJoin);
        options.Filters.AddFilter("with_role", WithRole);
    }

    /// <summary>Quotes each item as its own shell word and joins them with spaces: <c>{{ files | shjoin }}</c>.</summary>
    private static ValueTask<FluidValue> ShellJoin(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var words = input.Type == FluidValues.Array
            ? input.Enumerate(context).Select(v => ShellQuote.Quote(v.ToStringValue()))
            : [ShellQuote.Quote(input.ToStringValue())];
        return new ValueTask<FluidValue>(new StringValue(string.Join(' ', words), encode: false));
    }

    /// <summary>Keeps the hosts that have a role: <c>{{ hosts | with_role: 'etcd' | map: 'address' | join: ',' }}</c>.</summary>
    private static ValueTask<FluidValue> WithRole(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var role = arguments.At(0).ToStringValue();
        var hosts = input.Enumerate(context)
            .Where(h => h is StrictMapValue m && m.Members.TryGetValue("roles", out var roles) && roles.Enumerate(context).Any(r => r.ToStringValue() == role))
            .ToArray();
        return new ValueTask<FluidValue>(new ArrayValue(hosts));
    }
}
