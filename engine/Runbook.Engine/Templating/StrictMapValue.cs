using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Runbook.Templating;

/// <summary>
/// A mapping exposed to templates (host, host.vars, params, vars, ...). Reading a member it does not have gives an
/// <see cref="UndefinedValue"/>, which is an error when printed rather than silently rendering as an empty string.
/// </summary>
internal sealed class StrictMapValue(string path, IReadOnlyDictionary<string, FluidValue> members) : FluidValue
{
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, FluidValue> Members { get; } = members;

    public override FluidValues Type => FluidValues.Dictionary;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        if (Members.TryGetValue(name, out var v)) return new ValueTask<FluidValue>(v);
        if (name is "size") return new ValueTask<FluidValue>(NumberValue.Create(Members.Count));
        var problems = context.AmbientValues.TryGetValue(RenderProblems.AmbientKey, out var p) ? p as RenderProblems : null;
        return new ValueTask<FluidValue>(new UndefinedValue(Path + "." + name, problems));
    }

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) =>
        GetValueAsync(index.ToStringValue(), context);

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => Path;

    public override object ToObjectValue() => Members.ToDictionary(m => m.Key, m => m.Value.ToObjectValue());

    public override bool Contains(FluidValue value) => Members.ContainsKey(value.ToStringValue());

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) =>
        Members.Select(m => (FluidValue)new ArrayValue([StringValue.Create(m.Key), m.Value]));

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        new(writer.WriteAsync(encoder.Encode(Path)));

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);
}
