using Tracehound.Model;

namespace Tracehound.Tests.Sampling;

/// <summary>Builds Datadog and OpenTelemetry spans for the sampler tests.</summary>
internal static class SamplingSpans
{
    /// <summary>A Datadog chunk (root + one child) with the given priority.</summary>
    public static List<Span> DatadogChunk(ulong traceId, int priority, string service = "web", string env = "", bool error = false, string resource = "GET /")
    {
        var chunk = new DatadogChunkInfo { Priority = priority };
        var root = DatadogSpan(traceId, 1, 0, service, "web.request", resource, error, chunk, env);
        root.Datadog!.TopLevel = true;
        var child = DatadogSpan(traceId, 2, 1, service, "db.query", "SELECT ?", false, chunk, env);
        return [root, child];
    }

    public static Span DatadogSpan(ulong traceId, ulong spanId, ulong parentId, string service, string name, string resource, bool error, DatadogChunkInfo chunk, string env = "")
    {
        var attributes = env.Length > 0 ? new[] { KeyValue.String("env", env) } : [];
        return new Span
        {
            TraceId = new TraceId(0, traceId),
            SpanId = new SpanId(spanId),
            ParentSpanId = new SpanId(parentId),
            Name = name,
            StartTimeUnixNano = 1_000_000_000,
            EndTimeUnixNano = 1_010_000_000,
            Attributes = attributes,
            Resource = new Resource([KeyValue.String("service.name", service)]),
            Datadog = new DatadogSpanInfo
            {
                Service = service,
                Name = name,
                Resource = resource,
                Error = error ? 1 : 0,
                Chunk = chunk,
            },
        };
    }

    /// <summary>An OpenTelemetry trace (server root + client child) without a Datadog view.</summary>
    public static List<Span> OtelTrace(TraceId traceId, string service = "checkout", bool error = false, long durationMs = 10, params KeyValue[] rootAttributes)
    {
        var resource = new Resource([KeyValue.String("service.name", service)]);
        var root = new Span
        {
            TraceId = traceId,
            SpanId = new SpanId(traceId.Low | 1),
            Name = "GET /cart",
            Kind = SpanKind.Server,
            StartTimeUnixNano = 1_000_000_000,
            EndTimeUnixNano = 1_000_000_000 + (durationMs * 1_000_000),
            StatusCode = error ? StatusCode.Error : StatusCode.Unset,
            Attributes = rootAttributes,
            Resource = resource,
        };
        var child = new Span
        {
            TraceId = traceId,
            SpanId = new SpanId((traceId.Low | 1) + 1),
            ParentSpanId = root.SpanId,
            Name = "SELECT",
            Kind = SpanKind.Client,
            StartTimeUnixNano = 1_000_000_000,
            EndTimeUnixNano = 1_001_000_000,
            Resource = resource,
        };
        return [root, child];
    }

    public static SpanBatch Batch(params List<Span>[] chunks) => new([.. chunks.SelectMany(c => c)]);

    public static TraceId RandomTraceId(Random random) => new((ulong)random.NextInt64(), (ulong)random.NextInt64());
}
