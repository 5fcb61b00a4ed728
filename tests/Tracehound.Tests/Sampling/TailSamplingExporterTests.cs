using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Processing.Sampling.Tail;

namespace Tracehound.Tests.Sampling;

public sealed class TailSamplingExporterTests
{
    private const string Slow = """[{"name":"slow","type":"latency","latency":{"threshold_ms":500}}]""";

    [Fact]
    public async Task Export_BeforeDecisionWait_NothingForwarded_ThenKeptTracesForwarded()
    {
        var (clock, inner, tail) = Create(Slow);
        await tail.ExportAsync(SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(0, 1), durationMs: 800), SamplingSpans.OtelTrace(new TraceId(0, 2), durationMs: 20)), default);
        Assert.Equal(0, await tail.DecideDueAsync(default));
        Assert.Empty(inner.Spans);
        Assert.Equal(2, tail.BufferedTraces);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, await tail.DecideDueAsync(default));
        Assert.Equal([1UL], inner.TraceLows);
        Assert.Equal(2, inner.Spans.Count);
        Assert.Equal(0, tail.BufferedSpans);
        Assert.Equal(1, tail.KeptTraces);
        Assert.Equal(1, tail.DroppedTraces);
    }

    [Fact]
    public async Task Latency_TraceDurationSpansAllSpans()
    {
        var (clock, inner, tail) = Create(Slow);
        // Two spans of 300 ms each, 400 ms apart: the trace lasts 700 ms.
        var spans = SamplingSpans.OtelTrace(new TraceId(0, 5), durationMs: 300);
        spans[1].StartTimeUnixNano = spans[0].StartTimeUnixNano + 400_000_000;
        spans[1].EndTimeUnixNano = spans[1].StartTimeUnixNano + 300_000_000;
        await tail.ExportAsync(new SpanBatch([spans[0]]), default);
        clock.Advance(TimeSpan.FromSeconds(3));
        await tail.ExportAsync(new SpanBatch([spans[1]]), default);
        clock.Advance(TimeSpan.FromSeconds(7));
        await tail.DecideDueAsync(default);
        Assert.Equal(2, inner.Spans.Count);
    }

    [Fact]
    public async Task LateSpans_FollowTheDecision()
    {
        var (clock, inner, tail) = Create(Slow);
        await tail.ExportAsync(SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(0, 1), durationMs: 800), SamplingSpans.OtelTrace(new TraceId(0, 2), durationMs: 20)), default);
        clock.Advance(TimeSpan.FromSeconds(11));
        await tail.DecideDueAsync(default);
        Assert.Equal(2, inner.Spans.Count);

        // Late spans: the kept trace's is forwarded at once, the dropped trace's discarded.
        await tail.ExportAsync(new SpanBatch([Late(1), Late(2)]), default);
        Assert.Equal(3, inner.Spans.Count);
        Assert.Equal(1UL, inner.Spans[^1].TraceId.Low);
        Assert.Equal(0, tail.BufferedTraces);
    }

    [Fact]
    public async Task MaxTraces_OldestDecidedEarly()
    {
        var (clock, inner, tail) = Create("""[{"type":"probabilistic","probabilistic":{"sampling_percentage":100}}]""", maxTraces: 3);
        for (ulong i = 1; i <= 5; i++)
        {
            await tail.ExportAsync(SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(0, i))), default);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(3, tail.BufferedTraces);
        Assert.Equal([1UL, 2], inner.TraceLows);
    }

    [Fact]
    public async Task MaxSpans_OldestDecidedEarly()
    {
        var (_, inner, tail) = Create("""[{"type":"probabilistic","probabilistic":{"sampling_percentage":100}}]""", maxSpans: 5);
        for (ulong i = 1; i <= 4; i++)
        {
            await tail.ExportAsync(SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(0, i))), default);
        }

        Assert.True(tail.BufferedSpans <= 5);
        Assert.Equal([1UL, 2], inner.TraceLows);
    }

    [Fact]
    public async Task Dispose_DecidesAndFlushesEverythingBuffered()
    {
        var (_, inner, tail) = Create(Slow);
        await tail.ExportAsync(SamplingSpans.Batch(SamplingSpans.OtelTrace(new TraceId(0, 1), durationMs: 900), SamplingSpans.OtelTrace(new TraceId(0, 2))), default);
        await tail.DisposeAsync();
        Assert.Equal([1UL], inner.TraceLows);
    }

    [Fact]
    public async Task Policies_CombineAsOr()
    {
        const string policies = """
            [
              {"name": "errors", "type": "status_code", "status_code": {"status_codes": ["ERROR"]}},
              {"name": "vip", "type": "string_attribute", "string_attribute": {"key": "customer.tier", "values": ["gold", "plat.*"], "enabled_regex_matching": true}},
              {"name": "5xx", "type": "numeric_attribute", "numeric_attribute": {"key": "http.status_code", "min_value": 500, "max_value": 599}}
            ]
            """;
        var (clock, inner, tail) = Create(policies);
        await tail.ExportAsync(SamplingSpans.Batch(
            SamplingSpans.OtelTrace(new TraceId(0, 1), error: true),
            SamplingSpans.OtelTrace(new TraceId(0, 2), rootAttributes: KeyValue.String("customer.tier", "platinum")),
            SamplingSpans.OtelTrace(new TraceId(0, 3), rootAttributes: KeyValue.String("customer.tier", "bronze")),
            SamplingSpans.OtelTrace(new TraceId(0, 4), rootAttributes: KeyValue.Int("http.status_code", 503)),
            SamplingSpans.OtelTrace(new TraceId(0, 5), rootAttributes: KeyValue.Int("http.status_code", 404))), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        await tail.DecideDueAsync(default);
        Assert.Equal([1UL, 2, 4], inner.TraceLows.Order().ToArray());
    }

    [Fact]
    public async Task InvertMatch_KeepsTracesWithoutTheValue()
    {
        var (clock, inner, tail) = Create("""[{"type":"string_attribute","string_attribute":{"key":"http.route","values":["/health"],"invert_match":true}}]""");
        await tail.ExportAsync(SamplingSpans.Batch(
            SamplingSpans.OtelTrace(new TraceId(0, 1), rootAttributes: KeyValue.String("http.route", "/health")),
            SamplingSpans.OtelTrace(new TraceId(0, 2), rootAttributes: KeyValue.String("http.route", "/cart"))), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        await tail.DecideDueAsync(default);
        Assert.Equal([2UL], inner.TraceLows);
    }

    [Fact]
    public async Task RateLimiting_SpansPerSecond()
    {
        var (clock, inner, tail) = Create("""[{"type":"rate_limiting","rate_limiting":{"spans_per_second":4}}]""");
        // Burst is 2 × 4 = 8 spans: 4 traces of 2 spans pass, the rest wait for tokens.
        await tail.ExportAsync(SamplingSpans.Batch([.. Enumerable.Range(1, 10).Select(i => SamplingSpans.OtelTrace(new TraceId(0, (ulong)i)))]), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        await tail.DecideDueAsync(default);
        Assert.Equal(4, inner.TraceLows.Count);
    }

    [Fact]
    public void Probabilistic_MatchesCollectorHashAndThreshold()
    {
        var policy = new ProbabilisticPolicy("p", 10, string.Empty);
        // FNV-1a-64 of "default-hash-seed" + 16 zero bytes, from offset 14695981039346656037 and prime 1099511628211.
        var expected = 14695981039346656037UL;
        foreach (var b in "default-hash-seed"u8.ToArray().Concat(new byte[16]))
        {
            expected = (expected ^ b) * 1099511628211UL;
        }

        Assert.Equal(expected, policy.Hash(default));
        Assert.Equal(ulong.MaxValue / 2, ProbabilisticPolicy.Threshold(0.5));
        Assert.Equal(0UL, ProbabilisticPolicy.Threshold(0));
        Assert.Equal(ulong.MaxValue, ProbabilisticPolicy.Threshold(1));

        var random = new Random(4);
        var kept = Enumerable.Range(0, 10_000).Count(_ => policy.Samples(Trace(SamplingSpans.RandomTraceId(random)), default));
        Assert.InRange(kept, 850, 1150);
    }

    [Theory]
    [InlineData("[]", "non-empty")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""[{"type":"nope"}]""", "unknown type 'nope'")]
    [InlineData("""[{"type":"latency","latency":{}}]""", "threshold_ms is required")]
    [InlineData("""[{"type":"status_code","status_code":{"status_codes":["BAD"]}}]""", "'BAD'")]
    [InlineData("""[{"type":"probabilistic","probabilistic":{"sampling_percentage":101}}]""", "between 0 and 100")]
    [InlineData("""[{"type":"string_attribute","string_attribute":{"key":"k","values":["("],"enabled_regex_matching":true}}]""", "regular expression")]
    public void Validate_BadPolicies_SayWhy(string json, string reason)
    {
        var error = new TailSamplingOptions { PoliciesJson = json }.Validate();
        Assert.NotNull(error);
        Assert.Contains(reason, error);
    }

    private static TailTrace Trace(TraceId id)
    {
        var trace = new TailTrace(id, default);
        trace.Spans.AddRange(SamplingSpans.OtelTrace(id));
        return trace;
    }

    private static Span Late(ulong traceLow) => new() { TraceId = new TraceId(0, traceLow), SpanId = new SpanId(99), ParentSpanId = new SpanId(traceLow | 1), Name = "late" };

    private static (ManualClock Clock, CapturingExporter Inner, TailSamplingExporter Tail) Create(string policies, int maxTraces = 1000, int maxSpans = 100_000)
    {
        var clock = new ManualClock();
        var inner = new CapturingExporter();
        var tail = new TailSamplingExporter(inner, new TailSamplingOptions { PoliciesJson = policies, MaxTraces = maxTraces, MaxSpans = maxSpans }, clock, NullLogger.Instance);
        return (clock, inner, tail);
    }
}
