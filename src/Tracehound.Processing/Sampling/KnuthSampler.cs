namespace Tracehound.Processing.Sampling;

/// <summary>
/// The agent's rate decision on a trace id (<c>SampleByRate</c> in <c>pkg/trace/sampler/sampler.go</c>,
/// also the OTLP receiver's and dd-trace's): keep iff <c>trace_id × 1111111111111111111 (mod 2^64)</c>
/// is below <c>rate × (2^64 − 1)</c>. Uses the 64-bit Datadog id (the low half of a 128-bit id).
/// </summary>
internal static class KnuthSampler
{
    /// <summary>Large prime that fits an int64 (so tracers without unsigned 64-bit ints agree).</summary>
    public const ulong Factor = 1111111111111111111;

    private const double MaxTraceId = ulong.MaxValue;

    public static bool SampleByRate(ulong traceId, double rate) =>
        rate >= 1 || unchecked(traceId * Factor) < (ulong)(Math.Max(rate, 0) * MaxTraceId);
}
