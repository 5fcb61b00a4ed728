using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Tests.Semantics;

/// <summary>Hand-built OpenTelemetry spans and the pipeline's semantic processors run over them.</summary>
internal static class OtelSpans
{
    public const long Start = 1_700_000_000_000_000_000;

    public static Span Create(SpanKind kind, string name = "op", KeyValue[]? attributes = null, Resource? resource = null) => new()
    {
        TraceId = new TraceId(0x0af7651916cd43dd, 0x8448eb211c80319c),
        SpanId = new SpanId(0x00f067aa0ba902b7),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = Start,
        EndTimeUnixNano = Start + 1_000,
        Attributes = attributes ?? [],
        Resource = resource ?? new Resource([KeyValue.String("service.name", "checkout")]),
        Scope = new InstrumentationScope("my.scope", "1.0.0", []),
    };

    /// <summary>Attributes from "key=value" strings; values that parse as integers become int attributes.</summary>
    public static KeyValue[] Attributes(params string[] pairs) =>
        [.. pairs.Select(p =>
        {
            var at = p.IndexOf('=', StringComparison.Ordinal);
            var key = p[..at];
            var value = p[(at + 1)..];
            return long.TryParse(value, out var number) ? KeyValue.Int(key, number) : KeyValue.String(key, value);
        })];

    /// <summary>Maps then normalizes, as the pipeline does.</summary>
    public static DatadogSpanInfo Map(Span span, DatadogSemanticsOptions? options = null)
    {
        var batch = new SpanBatch([span]);
        Run(batch, options);
        return span.Datadog!;
    }

    public static void Run(SpanBatch batch, DatadogSemanticsOptions? options = null)
    {
        new OtlpToDatadogProcessor(options ?? new DatadogSemanticsOptions()).Process(batch);
        new DatadogNormalizationProcessor().Process(batch);
        new TopLevelProcessor().Process(batch);
    }

    public static string? Meta(DatadogSpanInfo info, string key) =>
        info.Meta!.Where(kv => kv.Key == key).Select(kv => kv.Value.AsString()).FirstOrDefault();

    public static double? Metric(DatadogSpanInfo info, string key) =>
        info.Metrics!.Where(kv => kv.Key == key).Select(kv => (double?)kv.Value.AsDouble()).FirstOrDefault();
}
