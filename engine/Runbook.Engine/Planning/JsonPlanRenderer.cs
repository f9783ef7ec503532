using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>The plan for tools: the whole graph, nodes and edges, with a fixed property order.</summary>
internal static class JsonPlanRenderer
{
    /// <param name="hash">The plan hash, written first; null when rendering the plan the hash is made from.</param>
    /// <param name="trailer">Writes more properties at the end (a plan file's inputs).</param>
    public static string Render(ExecutionGraph graph, string? hash = null, Action<Utf8JsonWriter>? trailer = null)
    {
        using var stream = new MemoryStream();
        using (
            var w = new Utf8JsonWriter(
                stream,
                new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            )
        )
        {
            w.WriteStartObject();
            if (hash is not null)
                w.WriteString("plan_hash", hash);
            w.WriteString("runbook", graph.Runbook);
            w.WriteString("description", graph.Description);
            w.WriteString("inventory", graph.Inventory);
            w.WriteNumber("inventory_hosts", graph.InventoryHosts);
            if (graph.Limit is { } limit)
            {
                // Only with a limit, so plans without one stay as they were.
                w.WriteString("limit", limit);
                w.WriteNumber("limited_hosts", graph.LimitedHosts);
            }

            w.WriteStartArray("params");
            foreach (var p in graph.Params)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("value", p.Display);
                w.WriteString("source", p.Source.ToString().ToLowerInvariant());
                w.WriteBoolean("secret", p.Secret);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (graph.Lock is { } clusterLock)
                Lock(w, clusterLock);
            w.WriteStartArray("phases");
            foreach (var phase in graph.Phases)
                Phase(w, phase);
            w.WriteEndArray();
            w.WriteStartArray("edges");
            foreach (var e in EdgeBuilder.Build(graph.Phases))
            {
                w.WriteStartArray();
                w.WriteStringValue(e.From);
                w.WriteStringValue(e.To);
                if (e.When is not null)
                    w.WriteStringValue(e.When);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            trailer?.Invoke(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Phase(Utf8JsonWriter w, PhaseNode phase)
    {
        w.WriteStartObject();
        w.WriteNumber("number", phase.Number);
        w.WriteString("name", phase.Name);
        w.WriteString("description", phase.Description);
        w.WriteString("selector", phase.Selector);
        Strings(w, "hosts", phase.Hosts);
        w.WriteString("serial", phase.Serial);
        w.WriteNumber("max_failures", phase.MaxFailures);
        if (phase.MaxFailPercent is { } p)
            w.WriteNumber("max_fail_percent", p);
        if (phase.AcceptedRisks.Length > 0)
        {
            w.WriteStartArray("accepted_risks");
            foreach (var risk in phase.AcceptedRisks)
            {
                w.WriteStartObject();
                w.WriteString("code", risk.Code);
                w.WriteString("reason", risk.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("batches");
        foreach (var batch in phase.Batches)
        {
            w.WriteStartObject();
            w.WriteString("id", batch.Id);
            Strings(w, "hosts", batch.Hosts);
            w.WriteStartArray("segments");
            foreach (var segment in batch.StepSegments)
                Segment(w, segment);
            w.WriteEndArray();
            // Written only when the phase has them, so plans of phases without keep their shape.
            if (!batch.Preconditions.IsEmpty)
            {
                w.WriteStartArray("preconditions");
                foreach (var precondition in batch.Preconditions)
                    Gate(w, precondition);
                w.WriteEndArray();
            }

            if (!batch.Cleanup.IsEmpty)
                Cleanup(w, batch);
            w.WriteStartArray("gates");
            foreach (var gate in batch.Gates)
                Gate(w, gate);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Cleanup(Utf8JsonWriter w, BatchNode batch)
    {
        w.WriteStartArray("cleanup");
        foreach (var cleanup in batch.Cleanup)
        {
            w.WriteStartObject();
            w.WriteString("host", cleanup.Host);
            w.WriteStartArray("on_failure");
            foreach (var step in cleanup.OnFailure)
                Step(w, step);
            w.WriteEndArray();
            w.WriteStartArray("finally");
            foreach (var step in cleanup.Finally)
                Step(w, step);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Gate(Utf8JsonWriter w, GateNode gate)
    {
        w.WriteStartObject();
        w.WriteString("id", gate.Id);
        w.WriteString("name", gate.Name);
        w.WriteString("target", gate.Target);
        Strings(w, "candidates", gate.Candidates);
        w.WriteBoolean("become", gate.Become);
        if (gate.IncludedFrom is not null)
            w.WriteString("included_from", gate.IncludedFrom);
        PlanJson.Check(w, "check", gate.Check);
        w.WriteStartArray("per_host");
        foreach (var t in gate.PerHost)
        {
            w.WriteStartObject();
            w.WriteString("host", t.Host);
            PlanJson.Check(w, "check", t.Check);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Segment(Utf8JsonWriter w, BatchSegment segment)
    {
        w.WriteStartObject();
        switch (segment)
        {
            case HostStepsSegment hosts:
                w.WriteString("kind", "hosts");
                w.WriteStartArray("hosts");
                foreach (var sequence in hosts.Hosts)
                {
                    w.WriteStartObject();
                    w.WriteString("host", sequence.Host);
                    w.WriteStartArray("steps");
                    foreach (var step in sequence.Steps)
                        Step(w, step);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            case OnceSegment once:
                w.WriteString("kind", "once");
                w.WriteString("target", once.Target);
                Strings(w, "candidates", once.Candidates);
                w.WriteStartArray("steps");
                foreach (var step in once.Steps)
                    Step(w, step);
                w.WriteEndArray();
                break;
            case BatchStepSegment perBatch:
                w.WriteString("kind", "batch");
                w.WriteStartArray("steps");
                Step(w, perBatch.Step);
                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter w, StepNode step)
    {
        w.WriteStartObject();
        w.WriteString("id", step.Id);
        w.WriteString("host", step.Host);
        w.WriteNumber("number", step.Number);
        w.WriteString("name", step.Name);
        w.WriteString("kind", step.Kind);
        if (step.SkipReason is not null)
            w.WriteString("skipped", step.SkipReason);
        if (step.Work is { } work)
            work.WriteJson(w);
        if (step.Timeout is { } t)
            w.WriteString("timeout", t.ToString());
        w.WriteBoolean("become", step.Become);
        if (step.Become && step.BecomeUser is { } becomeUser)
            w.WriteString("become_user", becomeUser);
        if (step.InventoryBecome != InventoryBecome.None)
        {
            var from = step.InventoryBecome == InventoryBecome.Applied ? "ansible_become" : "become: false";
            w.WriteString("become_from", from);
        }

        if (step.IncludedFrom is not null)
            w.WriteString("included_from", step.IncludedFrom);
        if (step.Local)
            w.WriteString("on", "local");
        if (step.Disrupts is { AllRoles: true })
            w.WriteBoolean("disrupts", true);
        else if (step.Disrupts is { } disrupts)
        {
            w.WriteStartArray("disrupts");
            foreach (var role in disrupts.Roles)
                w.WriteStringValue(role);
            w.WriteEndArray();
        }

        if (step.Retries is { } retries)
        {
            w.WriteStartObject("retries");
            w.WriteNumber("count", retries.Count);
            w.WriteString("delay", retries.Delay.ToString());
            w.WriteEndObject();
        }

        if (step.When is not null)
            w.WriteString("when", step.When);
        if (step.Runtime?.When is not null)
            w.WriteBoolean("when_at_run_time", true);
        if (step.Runtime is { Reads.IsEmpty: false } runtime)
        {
            w.WriteStartArray("runtime");
            foreach (var read in runtime.Reads)
                w.WriteStringValue("captures." + read);
            w.WriteEndArray();
        }

        if (step.Capture is { } capture)
            w.WriteString("capture", capture);
        if (!step.Env.IsEmpty)
        {
            w.WriteStartObject("env");
            foreach (var e in step.Env)
                w.WriteString(e.Name, e.Display);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Lock(Utf8JsonWriter w, LockNode node)
    {
        w.WriteStartObject("lock");
        w.WriteString("name", node.Name);
        w.WriteString("target", node.Target);
        Strings(w, "candidates", node.Candidates);
        w.WriteString("path", node.Path);
        w.WriteBoolean("become", node.Become);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
