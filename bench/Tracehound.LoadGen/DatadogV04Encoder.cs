using System.Buffers;
using System.Text.Json;
using MessagePack;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>
/// Encodes workload spans as a Datadog v0.4 payload, the way dd-trace sends them: an array of
/// traces, each an array of 12-key span maps; string attributes in meta, numbers in metrics, span
/// events as the <c>events</c> JSON in meta, and the sampling priority. Trace ids are the low 64 bits.
/// </summary>
internal static class DatadogV04Encoder
{
    public static byte[] Encode(IReadOnlyList<Span> spans)
    {
        var traces = spans.GroupBy(s => s.TraceId).ToList();
        var buffer = new ArrayBufferWriter<byte>(spans.Count * 700);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(traces.Count);
        foreach (var trace in traces)
        {
            writer.WriteArrayHeader(trace.Count());
            foreach (var span in trace)
            {
                WriteSpan(ref writer, span);
            }
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSpan(ref MessagePackWriter writer, Span span)
    {
        var meta = new List<(string Key, string Value)>();
        var metrics = new List<(string Key, double Value)> { ("_sampling_priority_v1", 1) };
        foreach (var kv in span.Attributes)
        {
            switch (kv.Value.Type)
            {
                case AnyValueType.Int:
                    metrics.Add((kv.Key, kv.Value.AsInt()));
                    break;
                case AnyValueType.Double:
                    metrics.Add((kv.Key, kv.Value.AsDouble()));
                    break;
                default:
                    meta.Add((kv.Key, kv.Value.ToString()));
                    break;
            }
        }

        if (span.Kind != SpanKind.Unspecified)
        {
            meta.Add(("span.kind", span.Kind.ToString().ToLowerInvariant()));
        }

        if (span.Events.Length > 0)
        {
            meta.Add(("events", EventsJson(span.Events)));
        }

        writer.WriteMapHeader(12);
        writer.Write("trace_id");
        writer.Write(span.TraceId.Low);
        writer.Write("span_id");
        writer.Write(span.SpanId.Value);
        writer.Write("parent_id");
        writer.Write(span.ParentSpanId.Value);
        writer.Write("start");
        writer.Write(span.StartTimeUnixNano);
        writer.Write("duration");
        writer.Write(span.DurationNanos);
        writer.Write("name");
        writer.Write(span.Name);
        writer.Write("resource");
        writer.Write(span.Name);
        writer.Write("service");
        writer.Write(span.ServiceName);
        writer.Write("type");
        writer.Write(span.Kind == SpanKind.Server ? "web" : "custom");
        writer.Write("error");
        writer.Write(span.StatusCode == StatusCode.Error ? 1 : 0);
        writer.Write("meta");
        writer.WriteMapHeader(meta.Count);
        foreach (var (key, value) in meta)
        {
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write("metrics");
        writer.WriteMapHeader(metrics.Count);
        foreach (var (key, value) in metrics)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static string EventsJson(SpanEvent[] events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteNumber("time_unix_nano", e.TimeUnixNano);
                json.WriteStartObject("attributes");
                foreach (var kv in e.Attributes)
                {
                    json.WriteString(kv.Key, kv.Value.ToString());
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
