using Tracehound.Model;

namespace Tracehound.Tests.Query;

/// <summary>Hand-built traces with every field the query API maps.</summary>
internal static class TestTraces
{
    /// <summary>A 128-bit id: <c>0af7651916cd43dd8448eb211c80319c</c>; low half decimal 9532127138774266268.</summary>
    public static readonly TraceId FullId = new(0x0af7651916cd43dd, 0x8448eb211c80319c);

    /// <summary>An id whose high half is zero (a Jaeger 64-bit client's): <c>00000000000000000000000000abcdef</c>.</summary>
    public static readonly TraceId ShortId = new(0, 0xabcdef);

    /// <summary>An id whose low half, written in decimal, is also valid hex: 1234567890123456.</summary>
    public static readonly TraceId DecimalLookingId = new(0x1111, 1234567890123456);

    /// <summary>2024-01-01T00:00:00Z in unix nanoseconds.</summary>
    public const long BaseNanos = 1_704_067_200_000_000_000;

    public static Resource FrontendResource() => new(
    [
        KeyValue.String("service.name", "frontend"),
        KeyValue.String("host.name", "web-1"),
        KeyValue.Int("process.pid", 4242),
    ]);

    public static Resource BackendResource() => new(
    [
        KeyValue.String("service.name", "backend"),
        KeyValue.Bool("k8s.ready", true),
    ]);

    public static InstrumentationScope AspNetScope { get; } = new("OpenTelemetry.Instrumentation.AspNetCore", "1.12.0", [KeyValue.String("scope.attr", "x")]);

    /// <summary>Root server span with every kind of attribute value, error status, an event, a link and trace state.</summary>
    public static Span Root(TraceId traceId) => new()
    {
        TraceId = traceId,
        SpanId = new SpanId(0x00f067aa0ba902b7),
        TraceState = "congo=t61rcWkgMzE",
        Flags = 0x301,
        Name = "GET /checkout",
        Kind = SpanKind.Server,
        StartTimeUnixNano = BaseNanos + 1_500,
        EndTimeUnixNano = BaseNanos + 1_500 + 250_000_000,
        Attributes =
        [
            KeyValue.String("http.method", "GET"),
            KeyValue.Int("http.status_code", 500),
            KeyValue.Double("sample.ratio", 0.25),
            KeyValue.Bool("cache.hit", false),
            new KeyValue("payload", AnyValue.FromBytes([1, 2, 3, 250])),
            new KeyValue("tags.list", AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromInt(7)])),
            new KeyValue("tags.map", AnyValue.FromKeyValueList([KeyValue.Bool("on", true)])),
            new KeyValue("nothing", AnyValue.Empty),
        ],
        StatusCode = StatusCode.Error,
        StatusMessage = "boom",
        Events =
        [
            new SpanEvent(BaseNanos + 2_000_000, "exception", [KeyValue.String("exception.type", "System.InvalidOperationException")]),
        ],
        Links =
        [
            new SpanLink(new TraceId(0x1, 0x2), new SpanId(0x3), "a=b", [KeyValue.String("link.kind", "batch")]),
        ],
        Resource = FrontendResource(),
        Scope = AspNetScope,
    };

    /// <summary>A client child of <see cref="Root"/> from an equal-content but distinct resource instance.</summary>
    public static Span Child(TraceId traceId) => new()
    {
        TraceId = traceId,
        SpanId = new SpanId(0x1111111111111111),
        ParentSpanId = new SpanId(0x00f067aa0ba902b7),
        Flags = 1,
        Name = "HTTP POST",
        Kind = SpanKind.Client,
        StartTimeUnixNano = BaseNanos + 10_000_000,
        EndTimeUnixNano = BaseNanos + 60_000_000,
        StatusCode = StatusCode.Ok,
        Resource = FrontendResource(),
        Scope = new InstrumentationScope("System.Net.Http", string.Empty, []),
    };

    /// <summary>A server span of another service, unspecified scope, no status.</summary>
    public static Span Backend(TraceId traceId) => new()
    {
        TraceId = traceId,
        SpanId = new SpanId(0x2222222222222222),
        ParentSpanId = new SpanId(0x1111111111111111),
        Name = "POST /pay",
        Kind = SpanKind.Server,
        StartTimeUnixNano = BaseNanos + 20_000_000,
        EndTimeUnixNano = BaseNanos + 50_000_000,
        Attributes = [KeyValue.String("payment.id", "p-1")],
        Resource = BackendResource(),
    };

    public static Span[] Trace(TraceId traceId) => [Root(traceId), Child(traceId), Backend(traceId)];

    /// <summary>A one-span trace of <paramref name="service"/> starting <paramref name="offsetNanos"/> after <see cref="BaseNanos"/>.</summary>
    public static Span Single(TraceId traceId, string service, string name, long offsetNanos, long durationNanos, SpanKind kind = SpanKind.Internal) => new()
    {
        TraceId = traceId,
        SpanId = new SpanId(traceId.Low ^ 0x5555),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = BaseNanos + offsetNanos,
        EndTimeUnixNano = BaseNanos + offsetNanos + durationNanos,
        Resource = new Resource([KeyValue.String("service.name", service)]),
    };
}
