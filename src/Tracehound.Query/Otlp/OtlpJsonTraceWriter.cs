using System.Globalization;
using System.Text.Json;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Storage;

namespace Tracehound.Query.Otlp;

/// <summary>
/// Writes spans as OTLP/JSON <c>resourceSpans</c> the way Jaeger v2's api_v3 HTTP gateway returns them:
/// hex ids, enums as integers, 64-bit integers as strings, default values left out. Spans are grouped
/// by resource and scope content, in order of first appearance.
/// </summary>
internal static class OtlpJsonTraceWriter
{
    /// <summary>Writes the <c>resourceSpans</c> elements of one trace into an open array.</summary>
    public static void WriteResourceSpans(Utf8JsonWriter writer, TraceData trace)
    {
        var resources = new Dictionary<Resource, int>(ResourceContentComparer.Instance);
        var groups = new List<(Resource Resource, List<(InstrumentationScope Scope, List<Span> Spans)> Scopes)>();
        foreach (var span in trace.Spans)
        {
            if (!resources.TryGetValue(span.Resource, out var index))
            {
                index = groups.Count;
                resources.Add(span.Resource, index);
                groups.Add((span.Resource, []));
            }

            var scopes = groups[index].Scopes;
            var scopeIndex = scopes.FindIndex(s => ScopeContentComparer.Instance.Equals(s.Scope, span.Scope));
            if (scopeIndex < 0)
            {
                scopeIndex = scopes.Count;
                scopes.Add((span.Scope, []));
            }

            scopes[scopeIndex].Spans.Add(span);
        }

        foreach (var (resource, scopes) in groups)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("resource");
            OtlpJsonValueWriter.WriteAttributes(writer, resource.Attributes);
            WriteDroppedCount(writer, "droppedAttributesCount", resource.DroppedAttributesCount);
            writer.WriteEndObject();
            writer.WriteStartArray("scopeSpans");
            foreach (var (scope, spans) in scopes)
            {
                writer.WriteStartObject();
                WriteScope(writer, scope);
                writer.WriteStartArray("spans");
                foreach (var span in spans)
                {
                    WriteSpan(writer, span);
                }

                writer.WriteEndArray();
                WriteNonEmpty(writer, "schemaUrl", scope.SchemaUrl);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteNonEmpty(writer, "schemaUrl", resource.SchemaUrl);
            writer.WriteEndObject();
        }
    }

    private static void WriteScope(Utf8JsonWriter writer, InstrumentationScope scope)
    {
        writer.WriteStartObject("scope");
        WriteNonEmpty(writer, "name", scope.Name);
        WriteNonEmpty(writer, "version", scope.Version);
        OtlpJsonValueWriter.WriteAttributes(writer, scope.Attributes);
        WriteDroppedCount(writer, "droppedAttributesCount", scope.DroppedAttributesCount);
        writer.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter writer, Span span)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", span.TraceId.ToHex());
        writer.WriteString("spanId", span.SpanId.ToHex());
        WriteNonEmpty(writer, "traceState", span.TraceState);
        if (!span.ParentSpanId.IsEmpty)
        {
            writer.WriteString("parentSpanId", span.ParentSpanId.ToHex());
        }

        if (span.Flags != 0)
        {
            writer.WriteNumber("flags", span.Flags);
        }

        writer.WriteString("name", span.Name);
        if (span.Kind != SpanKind.Unspecified)
        {
            writer.WriteNumber("kind", (int)span.Kind);
        }

        WriteNanos(writer, "startTimeUnixNano", span.StartTimeUnixNano);
        WriteNanos(writer, "endTimeUnixNano", span.EndTimeUnixNano);
        OtlpJsonValueWriter.WriteAttributes(writer, span.Attributes);
        WriteDroppedCount(writer, "droppedAttributesCount", span.DroppedAttributesCount);
        if (span.Events.Length > 0)
        {
            writer.WriteStartArray("events");
            foreach (var spanEvent in span.Events)
            {
                writer.WriteStartObject();
                WriteNanos(writer, "timeUnixNano", spanEvent.TimeUnixNano);
                WriteNonEmpty(writer, "name", spanEvent.Name);
                OtlpJsonValueWriter.WriteAttributes(writer, spanEvent.Attributes);
                WriteDroppedCount(writer, "droppedAttributesCount", spanEvent.DroppedAttributesCount);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteDroppedCount(writer, "droppedEventsCount", span.DroppedEventsCount);
        if (span.Links.Length > 0)
        {
            writer.WriteStartArray("links");
            foreach (var link in span.Links)
            {
                writer.WriteStartObject();
                writer.WriteString("traceId", link.TraceId.ToHex());
                writer.WriteString("spanId", link.SpanId.ToHex());
                WriteNonEmpty(writer, "traceState", link.TraceState);
                OtlpJsonValueWriter.WriteAttributes(writer, link.Attributes);
                WriteDroppedCount(writer, "droppedAttributesCount", link.DroppedAttributesCount);
                if (link.Flags != 0)
                {
                    writer.WriteNumber("flags", link.Flags);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteDroppedCount(writer, "droppedLinksCount", span.DroppedLinksCount);
        writer.WriteStartObject("status");
        WriteNonEmpty(writer, "message", span.StatusMessage);
        if (span.StatusCode != StatusCode.Unset)
        {
            writer.WriteNumber("code", (int)span.StatusCode);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNanos(Utf8JsonWriter writer, string name, long nanos)
    {
        if (nanos != 0)
        {
            // fixed64 in the proto: unsigned, written as a string.
            writer.WriteString(name, ((ulong)nanos).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteDroppedCount(Utf8JsonWriter writer, string name, uint count)
    {
        if (count != 0)
        {
            writer.WriteNumber(name, count);
        }
    }

    private static void WriteNonEmpty(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }
}
