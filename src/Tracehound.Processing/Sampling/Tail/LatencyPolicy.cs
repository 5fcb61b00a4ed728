namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps traces whose duration (latest span end − earliest span start) is at least
/// <c>threshold_ms</c>, or with <c>upper_threshold_ms</c> &gt; 0 lies in (threshold, upper] — as the
/// collector's <c>latency</c> policy.
/// </summary>
internal sealed class LatencyPolicy(string name, long thresholdMs, long upperThresholdMs) : ITailSamplingPolicy
{
    public string Name { get; } = name;

    public bool Samples(TailTrace trace, DateTimeOffset now)
    {
        var start = long.MaxValue;
        var end = long.MinValue;
        foreach (var span in trace.Spans)
        {
            start = Math.Min(start, span.StartTimeUnixNano);
            end = Math.Max(end, span.EndTimeUnixNano);
        }

        var durationMs = end > start ? (end - start) / 1_000_000 : 0;
        return upperThresholdMs == 0 ? durationMs >= thresholdMs : durationMs > thresholdMs && durationMs <= upperThresholdMs;
    }
}
