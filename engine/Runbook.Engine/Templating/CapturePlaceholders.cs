using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Runbook.Templating;

/// <summary>
/// What <c>captures</c> is while compiling: a capture only exists at run time, so each member prints as a visible,
/// unquoted placeholder (<c>&lt;captured:NAME&gt;</c>) for the plan. The executor renders the template again with the values.
/// </summary>
internal sealed class CapturePlaceholders : FluidValue
{
    public static readonly CapturePlaceholders Instance = new();

    public static string For(string name) => $"<captured:{name}>";

    public override FluidValues Type => FluidValues.Dictionary;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
        new(new StringValue(For(name), encode: false));

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) =>
        GetValueAsync(index.ToStringValue(), context);

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => "captures";

    public override object ToObjectValue() => "captures";

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        new(writer.WriteAsync("<captures>"));

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => 0;
}
