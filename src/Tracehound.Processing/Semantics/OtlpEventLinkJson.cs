using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// The JSON forms the agent puts in meta for OpenTelemetry events (<c>events</c>) and links
/// (<c>_dd.span_links</c>), spec §3.6: fields omitted when zero or empty; event attribute values
/// keep their JSON types, link attribute values are stringified.
/// </summary>
internal static class OtlpEventLinkJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static string Events(SpanEvent[] events)
    {
        var buffer = Buffer();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                if (e.TimeUnixNano != 0)
                {
                    writer.WriteNumber("time_unix_nano", e.TimeUnixNano);
                }

                if (e.Name.Length > 0)
                {
                    writer.WriteString("name", e.Name);
                }

                if (e.Attributes.Length > 0)
                {
                    writer.WriteStartObject("attributes");
                    foreach (var kv in e.Attributes)
                    {
                        writer.WritePropertyName(kv.Key);
                        AnyValueJson.Write(writer, kv.Value);
                    }

                    writer.WriteEndObject();
                }

                if (e.DroppedAttributesCount > 0)
                {
                    writer.WriteNumber("dropped_attributes_count", e.DroppedAttributesCount);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Links(SpanLink[] links)
    {
        var buffer = Buffer();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            foreach (var link in links)
            {
                writer.WriteStartObject();
                writer.WriteString("trace_id", link.TraceId.ToHex());
                writer.WriteString("span_id", link.SpanId.ToHex());
                if (link.TraceState.Length > 0)
                {
                    writer.WriteString("tracestate", link.TraceState);
                }

                if (link.Attributes.Length > 0)
                {
                    writer.WriteStartObject("attributes");
                    foreach (var kv in link.Attributes)
                    {
                        writer.WriteString(kv.Key, kv.Value.ToString());
                    }

                    writer.WriteEndObject();
                }

                if (link.DroppedAttributesCount > 0)
                {
                    writer.WriteNumber("dropped_attributes_count", link.DroppedAttributesCount);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
