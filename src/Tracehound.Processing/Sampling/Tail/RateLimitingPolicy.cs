namespace Tracehound.Processing.Sampling.Tail;

/// <summary>
/// Keeps traces while a token bucket of <c>spans_per_second</c> (burst: twice that) has room for
/// all their spans — the collector's <c>rate_limiting</c> policy. Stateful: a trace another policy
/// already kept does not reach it (policies are evaluated in order and stop at the first keep).
/// </summary>
internal sealed class RateLimitingPolicy(string name, double spansPerSecond, DateTimeOffset now) : ITailSamplingPolicy
{
    private readonly TokenBucket _bucket = new(spansPerSecond, spansPerSecond * 2, now);

    public string Name { get; } = name;

    public bool Samples(TailTrace trace, DateTimeOffset now) => _bucket.TryTake(now, trace.Spans.Count);
}
