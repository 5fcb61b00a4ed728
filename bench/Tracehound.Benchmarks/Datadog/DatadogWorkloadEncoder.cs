using System.Buffers;
using System.Globalization;
using System.Text;
using MessagePack;
using Tracehound.Model;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>
/// Encodes <see cref="Workload.OtlpWorkload"/> spans the way a dd-trace tracer would send them
/// (v0.4 span maps, or v0.5 string dictionary + 12-element arrays): the span's attributes as meta
/// (strings) and metrics (numbers), plus the tags tracers add to every span (env, version,
/// language, runtime-id, span.kind, _dd.top_level, process_id) and to a chunk's first span
/// (_dd.p.tid, _dd.p.dm, _sampling_priority_v1); events as the JSON-in-meta <c>events</c> tag and
/// errors as error.message/error.type, as dd-trace-js 5 does.
/// </summary>
internal static class DatadogWorkloadEncoder
{
    private const string RuntimeId = "5f0c2d4e-8b1a-4f7e-9c3d-2a6b8e1f0d47";

    public static byte[] EncodeV04(IReadOnlyList<Span> spans)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        var traces = SplitTraces(spans);
        writer.WriteArrayHeader(traces.Count);
        foreach (var trace in traces)
        {
            writer.WriteArrayHeader(trace.Count);
            for (var i = 0; i < trace.Count; i++)
            {
                var dd = ToDatadog(trace[i], first: i == 0);
                writer.WriteMapHeader(12);
                Str(ref writer, "trace_id"); writer.Write(dd.TraceId);
                Str(ref writer, "span_id"); writer.Write(dd.SpanId);
                Str(ref writer, "parent_id"); writer.Write(dd.ParentId);
                Str(ref writer, "name"); Str(ref writer, dd.Name);
                Str(ref writer, "resource"); Str(ref writer, dd.Resource);
                Str(ref writer, "service"); Str(ref writer, dd.Service);
                Str(ref writer, "type"); Str(ref writer, dd.Type);
                Str(ref writer, "error"); writer.Write(dd.Error);
                Str(ref writer, "start"); writer.Write(dd.Start);
                Str(ref writer, "duration"); writer.Write(dd.Duration);
                Str(ref writer, "meta");
                writer.WriteMapHeader(dd.Meta.Count);
                foreach (var (key, value) in dd.Meta)
                {
                    Str(ref writer, key);
                    Str(ref writer, value);
                }

                Str(ref writer, "metrics");
                writer.WriteMapHeader(dd.Metrics.Count);
                foreach (var (key, value) in dd.Metrics)
                {
                    Str(ref writer, key);
                    writer.Write(value);
                }
            }
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeV05(IReadOnlyList<Span> spans)
    {
        var strings = new List<string>();
        var indexes = new Dictionary<string, uint>(StringComparer.Ordinal);
        uint Index(string s)
        {
            if (!indexes.TryGetValue(s, out var index))
            {
                index = (uint)strings.Count;
                indexes.Add(s, index);
                strings.Add(s);
            }

            return index;
        }

        _ = Index(string.Empty);
        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        var traces = SplitTraces(spans);
        writer.WriteArrayHeader(traces.Count);
        foreach (var trace in traces)
        {
            writer.WriteArrayHeader(trace.Count);
            for (var i = 0; i < trace.Count; i++)
            {
                var dd = ToDatadog(trace[i], first: i == 0);
                writer.WriteArrayHeader(12);
                writer.Write(Index(dd.Service));
                writer.Write(Index(dd.Name));
                writer.Write(Index(dd.Resource));
                writer.Write(dd.TraceId);
                writer.Write(dd.SpanId);
                writer.Write(dd.ParentId);
                writer.Write(dd.Start);
                writer.Write(dd.Duration);
                writer.Write(dd.Error);
                writer.WriteMapHeader(dd.Meta.Count);
                foreach (var (key, value) in dd.Meta)
                {
                    writer.Write(Index(key));
                    writer.Write(Index(value));
                }

                writer.WriteMapHeader(dd.Metrics.Count);
                foreach (var (key, value) in dd.Metrics)
                {
                    writer.Write(Index(key));
                    writer.Write(value);
                }

                writer.Write(Index(dd.Type));
            }
        }

        writer.Flush();
        var payload = new ArrayBufferWriter<byte>();
        var outer = new MessagePackWriter(payload);
        outer.WriteArrayHeader(2);
        outer.WriteArrayHeader(strings.Count);
        foreach (var s in strings)
        {
            Str(ref outer, s);
        }

        outer.WriteRaw(body.WrittenSpan);
        outer.Flush();
        return payload.WrittenSpan.ToArray();
    }

    private static List<List<Span>> SplitTraces(IReadOnlyList<Span> spans)
    {
        var traces = new List<List<Span>>();
        foreach (var span in spans)
        {
            if (traces.Count == 0 || traces[^1][0].TraceId != span.TraceId)
            {
                traces.Add([]);
            }

            traces[^1].Add(span);
        }

        return traces;
    }

    private static DatadogSpan ToDatadog(Span span, bool first)
    {
        var (name, type) = span.Kind switch
        {
            SpanKind.Server => ("aspnet_core.request", "web"),
            SpanKind.Client when Has(span, "db.system.name") => ("postgresql.query", "sql"),
            SpanKind.Client => ("http.request", "http"),
            SpanKind.Producer => ("kafka.produce", "queue"),
            SpanKind.Consumer => ("kafka.consume", "queue"),
            _ => ("internal", string.Empty),
        };
        var meta = new List<(string, string)>();
        var metrics = new List<(string, double)>();
        foreach (var kv in span.Attributes)
        {
            switch (kv.Value.Type)
            {
                case AnyValueType.Int: metrics.Add((kv.Key, kv.Value.AsInt())); break;
                case AnyValueType.Double: metrics.Add((kv.Key, kv.Value.AsDouble())); break;
                default: meta.Add((kv.Key, kv.Value.ToString())); break;
            }
        }

        meta.Add(("span.kind", span.Kind.ToString().ToLowerInvariant()));
        meta.Add(("env", "production"));
        meta.Add(("version", "1.42.0"));
        meta.Add(("language", "dotnet"));
        meta.Add(("runtime-id", RuntimeId));
        if (first)
        {
            meta.Add(("_dd.p.tid", span.TraceId.High.ToString("x16", CultureInfo.InvariantCulture)));
            meta.Add(("_dd.p.dm", "-0"));
            metrics.Add(("_sampling_priority_v1", 1));
        }

        if (span.StatusCode == StatusCode.Error)
        {
            meta.Add(("error.message", span.StatusMessage));
            meta.Add(("error.type", "System.Net.Http.HttpRequestException"));
        }

        if (span.Events.Length > 0)
        {
            meta.Add(("events", EventsJson(span.Events)));
        }

        metrics.Add(("_dd.top_level", 1));
        metrics.Add(("process_id", 4242));
        return new DatadogSpan(span.Resource.ServiceName, name, span.Name, type, span.TraceId.Low, span.SpanId.Value,
            span.ParentSpanId.Value, span.StartTimeUnixNano, span.DurationNanos, span.StatusCode == StatusCode.Error ? 1 : 0, meta, metrics);
    }

    private static bool Has(Span span, string key) => span.Attributes.Any(kv => kv.Key == key);

    private static string EventsJson(SpanEvent[] events)
    {
        var text = new StringBuilder("[");
        foreach (var e in events)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{{\"name\":\"{e.Name}\",\"time_unix_nano\":{e.TimeUnixNano},\"attributes\":{{");
            for (var i = 0; i < e.Attributes.Length; i++)
            {
                var kv = e.Attributes[i];
                text.Append(i > 0 ? "," : string.Empty).Append('"').Append(kv.Key).Append("\":");
                text.Append(kv.Value.Type == AnyValueType.String ? $"\"{kv.Value.AsString()}\"" : kv.Value.ToString());
            }

            text.Append("}}");
        }

        return text.Append(']').ToString();
    }

    private static void Str(ref MessagePackWriter writer, string value) => writer.Write(value);

    private sealed record DatadogSpan(string Service, string Name, string Resource, string Type, ulong TraceId, ulong SpanId,
        ulong ParentId, long Start, long Duration, int Error, List<(string, string)> Meta, List<(string, double)> Metrics);
}
