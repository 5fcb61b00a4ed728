using System.Globalization;
using System.Text.Json;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// Writes a trace in Jaeger's UI JSON model (jaeger model/json: Trace, Span, Process), mapping
/// OpenTelemetry fields the way Jaeger v2 does (span kind, status, scope and trace state become tags;
/// parent and links become references; events become logs; each distinct resource a process).
/// Trace ids are always 32 hex digits, as Jaeger v2 prints them.
/// </summary>
internal static class JaegerTraceWriter
{
    /// <param name="logCounts">
    /// Log records per span, when known: a span with logs gets the tag <c>tracehound.log_count</c>
    /// (an int64 tag, which Jaeger UI shows like any other).
    /// </param>
    public static void Write(Utf8JsonWriter writer, TraceData trace, IReadOnlyDictionary<SpanId, int>? logCounts = null)
    {
        var spans = trace.Spans;
        var processIds = new Dictionary<Resource, string>(ResourceContentComparer.Instance);
        var processes = new List<Resource>();
        var spanProcessIds = new string[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var resource = spans[i].Resource;
            if (!processIds.TryGetValue(resource, out var processId))
            {
                processes.Add(resource);
                processId = "p" + processes.Count.ToString(CultureInfo.InvariantCulture);
                processIds.Add(resource, processId);
            }

            spanProcessIds[i] = processId;
        }

        writer.WriteStartObject();
        writer.WriteString("traceID", trace.TraceId.ToHex());
        writer.WriteStartArray("spans");
        for (var i = 0; i < spans.Count; i++)
        {
            WriteSpan(writer, spans[i], spanProcessIds[i], logCounts?.GetValueOrDefault(spans[i].SpanId) ?? 0);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("processes");
        for (var i = 0; i < processes.Count; i++)
        {
            writer.WritePropertyName("p" + (i + 1).ToString(CultureInfo.InvariantCulture));
            WriteProcess(writer, processes[i]);
        }

        writer.WriteEndObject();
        writer.WriteNull("warnings");
        writer.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter writer, Span span, string processId, int logCount)
    {
        writer.WriteStartObject();
        writer.WriteString("traceID", span.TraceId.ToHex());
        writer.WriteString("spanID", span.SpanId.ToHex());
        writer.WriteString("operationName", span.Name);

        writer.WriteStartArray("references");
        if (!span.ParentSpanId.IsEmpty)
        {
            WriteReference(writer, "CHILD_OF", span.TraceId, span.ParentSpanId);
        }

        foreach (var link in span.Links)
        {
            WriteReference(writer, "FOLLOWS_FROM", link.TraceId, link.SpanId);
        }

        writer.WriteEndArray();

        // Jaeger's flags are the W3C trace flags (1 = sampled); bits 8-9 are OTLP's remote-parent bits.
        writer.WriteNumber("flags", span.Flags & 0xFF);
        writer.WriteNumber("startTime", span.StartTimeUnixNano / 1000);
        writer.WriteNumber("duration", span.DurationNanos / 1000);

        writer.WriteStartArray("tags");
        WriteSpanTags(writer, span);
        if (logCount > 0)
        {
            JaegerTagWriter.Write(writer, "tracehound.log_count", AnyValue.FromInt(logCount));
        }

        writer.WriteEndArray();

        writer.WriteStartArray("logs");
        foreach (var spanEvent in span.Events)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp", spanEvent.TimeUnixNano / 1000);
            writer.WriteStartArray("fields");
            if (spanEvent.Name.Length > 0)
            {
                JaegerTagWriter.WriteString(writer, "event", spanEvent.Name);
            }

            foreach (var kv in spanEvent.Attributes)
            {
                JaegerTagWriter.Write(writer, kv.Key, kv.Value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("processID", processId);
        writer.WriteNull("warnings");
        writer.WriteEndObject();
    }

    /// <summary>
    /// A Datadog span's operationName is its resource for web/server spans and its Datadog name
    /// otherwise (docs/API.md); both stay visible as the tags <c>operation.name</c> and
    /// <c>resource.name</c>, with the span type as <c>span.type</c>.
    /// </summary>
    private static void WriteDatadogTags(Utf8JsonWriter writer, DatadogSpanInfo datadog)
    {
        JaegerTagWriter.WriteString(writer, "operation.name", datadog.Name);
        JaegerTagWriter.WriteString(writer, "resource.name", datadog.Resource);
        if (datadog.Type.Length > 0)
        {
            JaegerTagWriter.WriteString(writer, "span.type", datadog.Type);
        }
    }

    private static void WriteSpanTags(Utf8JsonWriter writer, Span span)
    {
        foreach (var kv in span.Attributes)
        {
            JaegerTagWriter.Write(writer, kv.Key, kv.Value);
        }

        if (span.Datadog is { } datadog)
        {
            WriteDatadogTags(writer, datadog);
        }

        if (span.Scope.Name.Length > 0)
        {
            JaegerTagWriter.WriteString(writer, "otel.scope.name", span.Scope.Name);
        }

        if (span.Scope.Version.Length > 0)
        {
            JaegerTagWriter.WriteString(writer, "otel.scope.version", span.Scope.Version);
        }

        // A Datadog span's kind is already among its tags (meta span.kind).
        if (span.Kind != SpanKind.Unspecified && (span.Datadog is null || !span.TryGetAttribute("span.kind", out _)))
        {
            JaegerTagWriter.WriteString(writer, "span.kind", SpanKindNames.ToName(span.Kind, string.Empty));
        }

        switch (span.StatusCode)
        {
            case StatusCode.Error:
                JaegerTagWriter.WriteString(writer, "otel.status_code", "ERROR");
                JaegerTagWriter.WriteBool(writer, "error", true);
                break;
            case StatusCode.Ok:
                JaegerTagWriter.WriteString(writer, "otel.status_code", "OK");
                break;
        }

        if (span.StatusMessage.Length > 0)
        {
            JaegerTagWriter.WriteString(writer, "otel.status_description", span.StatusMessage);
        }

        if (span.TraceState.Length > 0)
        {
            JaegerTagWriter.WriteString(writer, "w3c.tracestate", span.TraceState);
        }
    }

    private static void WriteReference(Utf8JsonWriter writer, string type, TraceId traceId, SpanId spanId)
    {
        writer.WriteStartObject();
        writer.WriteString("refType", type);
        writer.WriteString("traceID", traceId.ToHex());
        writer.WriteString("spanID", spanId.ToHex());
        writer.WriteEndObject();
    }

    private static void WriteProcess(Utf8JsonWriter writer, Resource resource)
    {
        writer.WriteStartObject();
        writer.WriteString("serviceName", resource.ServiceName);
        writer.WriteStartArray("tags");
        foreach (var kv in resource.Attributes)
        {
            if (kv.Key != "service.name")
            {
                JaegerTagWriter.Write(writer, kv.Key, kv.Value);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
