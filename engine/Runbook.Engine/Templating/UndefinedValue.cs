using System.Globalization;
using System.Text.Encodings.Web;
using Fluid.Values;

namespace Runbook.Templating;

/// <summary>
/// What reading a missing member gives. It behaves as nil in conditions and in <c>default</c>, so
/// <c>{{ host.vars.x | default: 'y' }}</c> and <c>{% if host.vars.x %}</c> work; printing it, or passing it to a filter
/// that needs its text, is an undefined-variable error.
/// </summary>
internal sealed class UndefinedValue(string path, RenderProblems? problems) : FluidValue
{
    public override FluidValues Type => FluidValues.Nil;

    public override bool IsNil() => true;

    public override bool Equals(FluidValue other) => other.IsNil();

    public override bool ToBooleanValue() => false;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue()
    {
        problems?.UndefinedPaths.Add(path);
        return string.Empty;
    }

    public override object ToObjectValue() => string.Empty;

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        problems?.UndefinedPaths.Add(path);
        return ValueTask.CompletedTask;
    }

    public override bool Equals(object? obj) => obj is FluidValue f && Equals(f);

    public override int GetHashCode() => 0;
}
