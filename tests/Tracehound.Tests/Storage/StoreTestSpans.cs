using Tracehound.Model;

namespace Tracehound.Tests.Storage;

/// <summary>Builds spans for the store tests.</summary>
internal static class StoreTestSpans
{
    /// <summary>A fixed "now" so tests never depend on the clock: 2026-01-01T00:00:00Z.</summary>
    public const long BaseTime = 1_767_225_600_000_000_000;

    public const long Millisecond = 1_000_000;

    public static Resource ResourceFor(string service, params KeyValue[] extra) =>
        new([KeyValue.String("service.name", service), .. extra]);

    public static Span Make(
        TraceId traceId,
        ulong spanId,
        Resource resource,
        string name,
        long startOffsetMs,
        long durationMs = 10,
        SpanKind kind = SpanKind.Internal,
        ulong parentId = 0,
        KeyValue[]? attributes = null) => new()
    {
        TraceId = traceId,
        SpanId = new SpanId(spanId),
        ParentSpanId = new SpanId(parentId),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = BaseTime + (startOffsetMs * Millisecond),
        EndTimeUnixNano = BaseTime + ((startOffsetMs + durationMs) * Millisecond),
        Attributes = attributes ?? [],
        Resource = resource,
        Scope = new InstrumentationScope("test.scope", "1.0.0", []),
        Flags = 0x101,
    };

    public static SpanBatch Batch(params Span[] spans) => new([.. spans]);

    public static TraceId Id(ulong high, ulong low) => new(high, low);
}
