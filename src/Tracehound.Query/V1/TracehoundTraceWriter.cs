using System.Text.Json;
using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// Tracehound's own trace JSON (<c>/api/v1/traces/{id}</c>): the whole OpenTelemetry span with typed
/// attribute values, times in unix nanoseconds as JSON numbers, and names instead of enum numbers,
/// plus its Datadog view (<see cref="DatadogSpanJsonWriter"/>).
/// </summary>
internal static class TracehoundTraceWriter
{
    /// <param name="logCounts">Log records per span, when known: each span then gets <c>"logCount"</c>.</param>
    public static void Write(Utf8JsonWriter writer, TraceData trace, IReadOnlyDictionary<SpanId, int>? logCounts = null)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", trace.TraceId.ToHex());
        writer.WriteStartArray("spans");
        foreach (var span in trace.Spans)
        {
            WriteSpan(writer, span, logCounts is null ? null : logCounts.GetValueOrDefault(span.SpanId));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void WriteSpan(Utf8JsonWriter writer, Span span, int? logCount = null)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", span.TraceId.ToHex());
        writer.WriteString("spanId", span.SpanId.ToHex());
        if (span.ParentSpanId.IsEmpty)
        {
            writer.WriteNull("parentSpanId");
        }
        else
        {
            writer.WriteString("parentSpanId", span.ParentSpanId.ToHex());
        }

        writer.WriteString("name", span.Name);
        writer.WriteString("kind", SpanKindNames.ToName(span.Kind, "unspecified"));
        writer.WriteNumber("start", span.StartTimeUnixNano);
        writer.WriteNumber("duration", span.DurationNanos);

        writer.WriteStartObject("status");
        writer.WriteString("code", span.StatusCode switch
        {
            StatusCode.Ok => "ok",
            StatusCode.Error => "error",
            _ => "unset",
        });
        writer.WriteString("message", span.StatusMessage);
        writer.WriteEndObject();

        WriteAttributes(writer, "attributes", span.Attributes);
        WriteAttributes(writer, "resource", span.Resource.Attributes);

        writer.WriteStartObject("scope");
        writer.WriteString("name", span.Scope.Name);
        writer.WriteString("version", span.Scope.Version);
        writer.WriteEndObject();

        writer.WriteStartArray("events");
        foreach (var spanEvent in span.Events)
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", spanEvent.TimeUnixNano);
            writer.WriteString("name", spanEvent.Name);
            WriteAttributes(writer, "attributes", spanEvent.Attributes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("links");
        foreach (var link in span.Links)
        {
            writer.WriteStartObject();
            writer.WriteString("traceId", link.TraceId.ToHex());
            writer.WriteString("spanId", link.SpanId.ToHex());
            writer.WriteString("traceState", link.TraceState);
            WriteAttributes(writer, "attributes", link.Attributes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        DatadogSpanJsonWriter.Write(writer, span);
        if (logCount is { } count)
        {
            writer.WriteNumber("logCount", count);
        }

        writer.WriteEndObject();
    }

    /// <summary>An object of typed values; on a repeated key the first value wins, so the object stays valid JSON.</summary>
    internal static void WriteAttributes(Utf8JsonWriter writer, string name, KeyValue[] attributes)
    {
        writer.WriteStartObject(name);
        for (var i = 0; i < attributes.Length; i++)
        {
            if (!IsRepeat(attributes, i))
            {
                writer.WritePropertyName(attributes[i].Key);
                AnyValueJson.Write(writer, attributes[i].Value);
            }
        }

        writer.WriteEndObject();
    }

    private static bool IsRepeat(KeyValue[] attributes, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (attributes[i].Key == attributes[index].Key)
            {
                return true;
            }
        }

        return false;
    }
}
