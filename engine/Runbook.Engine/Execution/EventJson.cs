using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Runbook.Execution;

/// <summary>One event as one JSON line, properties in a fixed order, absent fields left out; and back again.</summary>
internal static class EventJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(RunEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("ts", e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("event", Name(e.Kind));
            if (e.Phase is { } phase) w.WriteNumber("phase", phase);
            if (e.Batch is { } batch) w.WriteString("batch", batch);
            if (e.Host is { } host) w.WriteString("host", host);
            if (e.Step is { } step) w.WriteString("step", step);
            if (e.Name is { } name) w.WriteString("name", name);
            if (e.Status is { } status) w.WriteString("status", Name(status));
            if (e.ExitCode is { } exit) w.WriteNumber("exit", exit);
            if (e.Attempt is { } attempt) w.WriteNumber("attempt", attempt);
            if (e.Duration is { } duration) w.WriteNumber("duration_ms", (long)duration.TotalMilliseconds);
            if (e.Stream is { } stream) w.WriteString("stream", stream);
            if (e.Text is { } text) w.WriteString("text", text);
            if (e.Capture is { } capture) w.WriteString("capture", capture);
            if (e.Captured is { } captured) w.WriteString("captured", captured);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Null for anything that is not a complete event line (a torn write, garbage).</summary>
    public static RunEvent? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || Str(r, "event") is not { } kindName) return null;
            var kind = Enum.GetValues<RunEventKind>().Cast<RunEventKind?>().FirstOrDefault(k => Name(k!.Value) == kindName);
            if (kind is null) return null;
            var status = Str(r, "status") is { } s ? Enum.GetValues<StepStatus>().Cast<StepStatus?>().FirstOrDefault(x => Name(x!.Value) == s) : null;
            var time = DateTimeOffset.Parse(Str(r, "ts") ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture);
            return new RunEvent(kind.Value, time, Int(r, "phase"), Str(r, "batch"), Str(r, "host"), Str(r, "step"), Str(r, "name"), status,
                Int(r, "exit"), Int(r, "attempt"), Int(r, "duration_ms") is { } ms ? TimeSpan.FromMilliseconds(ms) : null, Str(r, "stream"), Str(r, "text"))
            {
                Capture = Str(r, "capture"),
                Captured = Str(r, "captured"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string Name(RunEventKind kind) => Kebab(kind.ToString());

    public static string Name(StepStatus status) => Kebab(status.ToString());

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
