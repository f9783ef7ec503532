using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Compilation;

internal static class ParamResolver
{
    public const string CommandLine = "command line";

    public static ResolvedParams Resolve(RunbookDefinition runbook, CompileOptions options, DiagnosticBag diagnostics)
    {
        var cli = new SourceSpan(CommandLine, 0, 0, 0);
        foreach (
            var name in options
                .Params.Keys.Where(k => runbook.Params.All(p => p.Name != k))
                .Order(StringComparer.Ordinal)
        )
        {
            var guess = Suggest.Closest(name, runbook.Params.Select(p => p.Name));
            var known =
                runbook.Params.Count == 0
                    ? "it takes no params"
                    : $"it takes: {string.Join(", ", runbook.Params.Select(p => p.Name))}";
            diagnostics.Error(
                Codes.UnknownParamOverride,
                cli,
                $"--param {name}: runbook '{runbook.Name}' has no param '{name}'",
                guess is null ? known : $"did you mean '{guess}'? {known}"
            );
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var display = new List<ParamValue>();
        var secrets = new List<string>();
        foreach (var p in runbook.Params)
        {
            var (value, source) = (p.Default, ParamSource.Default);
            var given = (
                Text: p.FromEnv is null ? null : options.Environment(p.FromEnv),
                Origin: $"environment variable {p.FromEnv}",
                Source: ParamSource.Environment
            );
            if (options.Params.TryGetValue(p.Name, out var text))
                given = (text, $"--param {p.Name}", ParamSource.CommandLine);
            if (given.Text is not null)
            {
                value = Convert(p, given.Text, given.Origin, cli, diagnostics);
                source = given.Source;
                if (value is null)
                    continue;
            }

            if (value is null)
            {
                var from = p.FromEnv is null ? string.Empty : $" and environment variable {p.FromEnv} is not set";
                diagnostics.Error(
                    Codes.MissingParam,
                    p.Span,
                    $"param '{p.Name}' has no value: it has no default, no --param {p.Name}=VALUE was given{from}"
                );
                continue;
            }

            var secret = p.Secret || source == ParamSource.Environment;
            var shown = value is List<object?> list ? "[" + PlainValues.Text(list) + "]" : PlainValues.Text(value);
            if (secret && value is bool)
            {
                // true and false are everywhere in output: masking them would hide unrelated text and still tell.
                ShortSecret(p, "a true or false value", diagnostics);
            }
            else if (secret)
            {
                // Every element of a list is a secret of its own, wherever it is printed alone.
                var forms = value is List<object?> items ? items.Select(PlainValues.Text).Prepend(shown) : [shown];
                foreach (var form in forms.Distinct(StringComparer.Ordinal))
                {
                    secrets.Add(form);
                    if (form.Length > 0 && !SecretMasker.LongEnough(form))
                    {
                        var what = form == shown ? "its value" : "an element of its value";
                        ShortSecret(p, $"{what}, shorter than {SecretMasker.MinLength} characters,", diagnostics);
                    }
                }
            }
            values[p.Name] = value;
            display.Add(new ParamValue(p.Name, secret ? SecretMasker.Mask : shown, source, secret));
        }

        return new ResolvedParams(values, display, new SecretMasker(secrets));
    }

    private static void ShortSecret(ParamDefinition p, string what, DiagnosticBag diagnostics) =>
        diagnostics.Warning(
            Codes.SecretTooShort,
            p.Span,
            $"secret param '{p.Name}': {what} cannot be masked in output without masking unrelated text: it is "
                + "masked where a template prints it, and shown as it is in command output",
            "keep it out of command output"
        );

    private static object? Convert(
        ParamDefinition p,
        string text,
        string origin,
        SourceSpan cli,
        DiagnosticBag diagnostics
    )
    {
        var value = ParamValues.FromText(text, p.Type, out var error);
        if (error is not null)
        {
            var shown = p.Secret ? SecretMasker.Mask : text;
            diagnostics.Error(
                Codes.BadParamValue,
                cli,
                $"{origin}: param '{p.Name}' is a {p.Type.ToString().ToLowerInvariant()}, and the value "
                    + $"{error.Replace(text, shown, StringComparison.Ordinal)}"
            );
        }

        return value;
    }
}
