using System.Text.Json;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>How a JSON plan writes commands and checks, shared by the plan renderer and the step kinds.</summary>
internal static class PlanJson
{
    public static void Check(Utf8JsonWriter w, string name, CheckNode check)
    {
        w.WriteStartObject(name);
        Command(w, "command", check.Command);
        w.WriteString("every", check.Every.ToString());
        w.WriteString("within", check.Within.ToString());
        w.WriteString("expect", check.Expect.ToString());
        w.WriteEndObject();
    }

    public static void Command(Utf8JsonWriter w, string name, Command command)
    {
        w.WriteString(name, command.Display);
        if (command.Unquoted)
            w.WriteBoolean(name + "_unquoted", true);
    }
}
