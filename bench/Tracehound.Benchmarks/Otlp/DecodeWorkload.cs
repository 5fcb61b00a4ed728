using Tracehound.Model;
using Tracehound.Workload;

namespace Tracehound.Benchmarks.Otlp;

/// <summary>
/// The batch every decode benchmark reads: 512 spans of <see cref="OtlpWorkload"/>, fixed seed.
/// Built the same way in the benchmark process and in the host process (for the throughput columns).
/// </summary>
internal static class DecodeWorkload
{
    public const int Seed = 20_250_101;
    public const int SpanCount = 512;

    /// <summary>2025-01-01T00:00:00Z.</summary>
    public const long BaseTimeUnixNano = 1_735_689_600_000_000_000;

    private static readonly Lazy<(List<Span> Spans, byte[] Payload)> Batch = new(() =>
    {
        var spans = new OtlpWorkload(Seed, BaseTimeUnixNano).NextBatch(SpanCount);
        return (spans, OtlpTraceRequestEncoder.Encode(spans));
    });

    public static List<Span> Spans => Batch.Value.Spans;

    public static byte[] Payload => Batch.Value.Payload;
}
