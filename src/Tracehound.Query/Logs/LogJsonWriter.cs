using System.Text.Json;
using Tracehound.Model;
using Tracehound.Processing.Logs;
using Tracehound.Query.V1;

namespace Tracehound.Query.Logs;

/// <summary>
/// Writes a log record as the log APIs answer it: <c>timestamp</c> (unix ns; the observed time when
/// the record has none), <c>service</c>, <c>severity</c> (status name), <c>severityText</c>,
/// <c>severityNumber</c>, <c>body</c> (a string, or the structured value), <c>attributes</c>,
/// <c>resource</c>, <c>traceId</c> and <c>spanId</c> (hex, or null).
/// </summary>
internal static class LogJsonWriter
{
    public static void Write(Utf8JsonWriter writer, LogRecord record)
    {
        writer.WriteStartObject();
        writer.WriteNumber("timestamp", record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano);
        writer.WriteNumber("observedTimestamp", record.ObservedTimeUnixNano);
        writer.WriteString("service", record.ServiceName);
        writer.WriteString("severity", LogSeverity.StatusName(record.SeverityNumber));
        writer.WriteString("severityText", record.SeverityText);
        writer.WriteNumber("severityNumber", record.SeverityNumber);
        writer.WritePropertyName("body");
        if (record.Body.Type == AnyValueType.Empty)
        {
            writer.WriteStringValue(string.Empty);
        }
        else
        {
            AnyValueJson.Write(writer, record.Body);
        }

        TracehoundTraceWriter.WriteAttributes(writer, "attributes", record.Attributes);
        TracehoundTraceWriter.WriteAttributes(writer, "resource", record.Resource.Attributes);
        if (record.TraceId.IsEmpty)
        {
            writer.WriteNull("traceId");
        }
        else
        {
            writer.WriteString("traceId", record.TraceId.ToHex());
        }

        if (record.SpanId.IsEmpty)
        {
            writer.WriteNull("spanId");
        }
        else
        {
            writer.WriteString("spanId", record.SpanId.ToHex());
        }

        if (record.EventName.Length > 0)
        {
            writer.WriteString("eventName", record.EventName);
        }

        writer.WriteStartObject("scope");
        writer.WriteString("name", record.Scope.Name);
        writer.WriteString("version", record.Scope.Version);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
