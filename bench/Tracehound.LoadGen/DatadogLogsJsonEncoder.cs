using System.Globalization;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>
/// The logs workload for the Datadog intake (<c>--signal logs --protocol datadog</c>): the same
/// records as <see cref="OtlpLogsRequestEncoder"/> writes (one per span: its time, INFO or ERROR,
/// the same message, up to four of its attributes), shaped as a Datadog log shipper sends them to
/// <c>POST /api/v2/logs</c>: a JSON array of objects with the reserved attributes (<c>service</c>,
/// <c>hostname</c>, <c>ddsource</c>, <c>ddtags</c>, <c>status</c>, <c>timestamp</c>), the
/// correlation dd-trace's log injection writes with 128-bit ids (<c>dd.trace_id</c> as 32 hex
/// digits, <c>dd.span_id</c> decimal) and the attributes at the top level.
/// </summary>
/// <remarks>
/// For <see cref="BatchTemplate"/> to re-render it by patching bytes, what changes per send has a
/// fixed width: the trace id is 32 lowercase hex digits and the timestamp is milliseconds with three
/// decimals (<see cref="FormatTimestamp"/>, 17 characters until the year 2286).
/// </remarks>
internal static class DatadogLogsJsonEncoder
{
    public static byte[] Encode(IReadOnlyList<Span> spans)
    {
        using var buffer = new MemoryStream(spans.Count * 600);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var span in spans)
            {
                WriteRecord(json, span);
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Milliseconds since the epoch with microseconds as three decimals, e.g. <c>1764000000000.123</c>.</summary>
    public static string FormatTimestamp(long unixNano)
    {
        var micros = unixNano / 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1000}.{micros % 1000:D3}");
    }

    private static void WriteRecord(Utf8JsonWriter json, Span span)
    {
        var error = span.StatusCode == StatusCode.Error;
        var resource = span.Resource.Attributes;
        json.WriteStartObject();
        json.WritePropertyName("timestamp"u8);
        json.WriteRawValue(FormatTimestamp(span.StartTimeUnixNano));
        json.WriteString("status"u8, error ? "error" : "info");
        json.WriteString("service"u8, span.Resource.ServiceName);
        json.WriteString("hostname"u8, ResourceString(resource, "host.name"));
        json.WriteString("ddsource"u8, "csharp");
        json.WriteString("ddtags"u8, $"env:{ResourceString(resource, "deployment.environment.name")},version:{ResourceString(resource, "service.version")}");
        json.WriteString("message"u8, $"{span.Name} {(error ? "failed" : "completed")} in {span.DurationNanos / 1000} us");
        json.WriteString("logger.name"u8, "loadgen.logger");
        json.WriteStartObject("dd"u8);
        json.WriteString("trace_id"u8, span.TraceId.ToHex());
        json.WriteString("span_id"u8, span.SpanId.Value.ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();
        foreach (var attribute in span.Attributes.Take(4))
        {
            switch (attribute.Value.Type)
            {
                case AnyValueType.String: json.WriteString(attribute.Key, attribute.Value.AsString()); break;
                case AnyValueType.Int: json.WriteNumber(attribute.Key, attribute.Value.AsInt()); break;
                case AnyValueType.Double: json.WriteNumber(attribute.Key, attribute.Value.AsDouble()); break;
                case AnyValueType.Bool: json.WriteBoolean(attribute.Key, attribute.Value.AsBool()); break;
                default: break;
            }
        }

        json.WriteEndObject();
    }

    private static string ResourceString(KeyValue[] attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key).Value is { Type: AnyValueType.String } value ? value.AsString() : string.Empty;
}
