using Tracehound.Model;
using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class StatsConcentratorTests
{
    private const long Second = 1_000_000_000;
    private static readonly long s_base = 1_700_000_000L * Second; // a multiple of 10 s

    [Fact]
    public void Process_SpansAroundABoundary_AreBucketedByEndTime()
    {
        var concentrator = new StatsConcentrator();
        concentrator.ProcessAccepted(Batch(
            Server(1, start: s_base + (9 * Second), duration: Second / 2),        // ends 9.5 s → bucket 0
            Server(2, start: s_base + (9 * Second), duration: 2 * Second),        // starts in 0, ends 11 s → bucket 10 s
            Server(3, start: s_base + (10 * Second) - 1, duration: 1)));          // ends exactly at 10 s → bucket 10 s

        var buckets = concentrator.Snapshot(long.MinValue, long.MaxValue).OrderBy(b => b.StartUnixNano).ToList();
        Assert.Equal([s_base, s_base + (10 * Second)], buckets.Select(b => b.StartUnixNano));
        Assert.Equal(1, Assert.Single(buckets[0].Groups).Value.Hits);
        Assert.Equal(2, Assert.Single(buckets[1].Groups).Value.Hits);
    }

    [Fact]
    public void Process_KeyFields_ComeFromTheSpanAndItsTags()
    {
        var span = Server(1, s_base, 5 * Second);
        span.Attributes =
        [
            KeyValue.String("span.kind", "SERVER"),
            KeyValue.Double("http.status_code", 404),
            KeyValue.String("http.method", "GET"),
            KeyValue.String("http.route", "/users/{id}"),
            KeyValue.String("grpc.code", "StatusCode.NOT_FOUND"),
            KeyValue.String("_dd.svc_src", "m"),
        ];
        span.Datadog!.Chunk = new DatadogChunkInfo { Origin = "synthetics-browser" };
        var concentrator = new StatsConcentrator();

        concentrator.ProcessAccepted(Batch(span));

        var key = Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Key;
        Assert.Equal(("web", "web.request", "GET /users/{id}", "web", "server"), (key.Service, key.Name, key.Resource, key.Type, key.SpanKind));
        Assert.Equal(404u, key.HttpStatusCode);
        Assert.Equal(("GET", "/users/{id}", "5", "m"), (key.HttpMethod, key.HttpEndpoint, key.GrpcStatusCode, key.ServiceSource));
        Assert.True(key.Synthetics);
        Assert.Equal(StatsTraceRoot.True, key.IsTraceRoot);
    }

    [Fact]
    public void Process_ClientSpan_HasSortedPeerTagsAndIsNotTraceRoot()
    {
        var span = Span(2, s_base, Second, "db", SpanKind.Client, parent: 1, topLevel: false);
        span.Attributes = [KeyValue.String("span.kind", "client"), KeyValue.String("peer.service", "pg"), KeyValue.String("db.system", "postgresql"), KeyValue.String("not.a.peer.tag", "x")];
        var concentrator = new StatsConcentrator();

        concentrator.ProcessAccepted(Batch(span));

        var key = Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Key;
        Assert.Equal("db.system:postgresql,peer.service:pg", key.PeerTags);
        Assert.Equal(StatsTraceRoot.False, key.IsTraceRoot);
    }

    [Fact]
    public void Process_Eligibility_TopLevelMeasuredOrCountedKindOnly()
    {
        var topLevelInternal = Span(1, s_base, Second, "a", SpanKind.Internal, parent: 0, topLevel: true);
        var measuredInternal = Span(2, s_base, Second, "b", SpanKind.Internal, parent: 1, topLevel: false);
        measuredInternal.Datadog!.Measured = true;
        var plainInternal = Span(3, s_base, Second, "c", SpanKind.Internal, parent: 1, topLevel: false);
        var producer = Span(4, s_base, Second, "d", SpanKind.Producer, parent: 1, topLevel: false);
        var partial = Span(5, s_base, Second, "e", SpanKind.Server, parent: 0, topLevel: true);
        partial.Attributes = [KeyValue.Double("_dd.partial_version", 1)];
        var concentrator = new StatsConcentrator();

        concentrator.ProcessAccepted(Batch(topLevelInternal, measuredInternal, plainInternal, producer, partial));

        var names = Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups.Select(g => g.Key.Name).Order().ToList();
        Assert.Equal(["a", "b", "d"], names);
    }

    [Fact]
    public void Process_SampleRateOfTheRoot_WeighsEverySpanOfTheTrace()
    {
        var root = Server(1, s_base, 2 * Second);
        root.Attributes = [KeyValue.Double("_sample_rate", 0.25)];
        var child = Span(2, s_base, Second, "child", SpanKind.Client, parent: 1, topLevel: false);
        child.Datadog!.Error = 1;
        var concentrator = new StatsConcentrator();

        concentrator.ProcessAccepted(Batch(root, child));

        var groups = Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups.ToDictionary(g => g.Key.Name, g => g.Value);
        Assert.Equal((4.0, 4.0, 0.0), (groups["web.request"].Hits, groups["web.request"].TopLevelHits, groups["web.request"].Errors));
        Assert.Equal((4.0, 0.0, 4.0), (groups["child"].Hits, groups["child"].TopLevelHits, groups["child"].Errors));
        Assert.Equal(4.0 * Second, groups["child"].Duration);
        Assert.Equal(4.0, groups["child"].ErrorSketch.Count);
        Assert.True(groups["child"].OkSketch.IsEmpty);
    }

    [Fact]
    public void Process_SpansOfClientComputedStats_AreNotCounted_ButTheirClientStatsAre()
    {
        var span = Server(1, s_base, Second);
        var key = KeyOf(span);
        span.Datadog!.Payload = new DatadogPayloadInfo { ClientComputedStats = true };
        var concentrator = new StatsConcentrator();
        concentrator.ProcessAccepted(Batch(span));
        Assert.Empty(concentrator.Snapshot(long.MinValue, long.MaxValue));

        // The same span as the tracer's own stats, with a sketch of another accuracy.
        var sketch = new DDSketch(0.02);
        sketch.Add(Second);
        concentrator.AddClientStats([new ClientStatsRow
        {
            BucketStartUnixNano = s_base + (3 * Second),
            Key = key,
            Hits = 1,
            TopLevelHits = 1,
            Duration = Second,
            OkSummary = DDSketchCodec.Encode(sketch, includeSummary: false),
        }]);

        var bucket = Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue));
        Assert.Equal(s_base, bucket.StartUnixNano);
        var group = Assert.Single(bucket.Groups).Value;
        Assert.Equal(1, group.Hits);
        Assert.Equal(Second, group.OkSketch.GetQuantile(0.5), Second * 0.03);
    }

    [Fact]
    public void AddClientStats_SameKeyAsSpans_MergesIntoOneGroup()
    {
        var span = Server(1, s_base, Second);
        var concentrator = new StatsConcentrator();
        concentrator.ProcessAccepted(Batch(span));
        concentrator.AddClientStats([new ClientStatsRow { BucketStartUnixNano = s_base, Key = KeyOf(span), Hits = 2, Errors = 1, Duration = 3 * Second }]);

        var group = Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Value;
        Assert.Equal((3.0, 1.0), (group.Hits, group.Errors));
    }

    [Fact]
    public void TakeClosed_KeepsTheCurrentAndPreviousBuckets_UntilCommitted()
    {
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds((s_base + (25 * Second)) / 1_000_000));
        var concentrator = new StatsConcentrator(time);
        concentrator.ProcessAccepted(Batch(Server(1, s_base, Second), Server(2, s_base + (10 * Second), Second), Server(3, s_base + (20 * Second), Second)));

        var closed = concentrator.TakeClosed();
        Assert.Equal([s_base], closed.Select(b => b.StartUnixNano));
        Assert.Equal(3, concentrator.Snapshot(long.MinValue, long.MaxValue).Count); // still visible until the store has it

        var generation = concentrator.Generation;
        concentrator.BeginFlush();
        concentrator.CompleteFlush(closed, committed: true);
        Assert.Equal(generation + 2, concentrator.Generation);
        Assert.Equal(2, concentrator.Snapshot(long.MinValue, long.MaxValue).Count);
        Assert.Equal(2, concentrator.TakeClosed(all: true).Count);
    }

    [Fact]
    public void StatsDuration_Round_KeepsTenSignificantBits()
    {
        Assert.Equal(1024.0, StatsDuration.Round(1024));
        Assert.Equal(1023.0, StatsDuration.Round(1023));
        Assert.Equal(2046.0, StatsDuration.Round(2047)); // 11 bits: the lowest is dropped
        var big = 123_456_789.0;
        Assert.InRange(StatsDuration.Round(big), big * (1 - (1.0 / 512)), big);
    }

    private static StatsKey KeyOf(Span span)
    {
        var concentrator = new StatsConcentrator();
        concentrator.ProcessAccepted(Batch(span));
        return Assert.Single(Assert.Single(concentrator.Snapshot(long.MinValue, long.MaxValue)).Groups).Key;
    }

    [Fact]
    public void Process_ManyGroupsInOldBuckets_AsksForAnEarlyFlushUntilTheyAreTaken()
    {
        var concentrator = new StatsConcentrator(new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds((s_base / 1_000_000) + 3_600_000)));
        var waiting = concentrator.WaitUntilFlushNeededAsync(CancellationToken.None);

        // Replayed data: 25,000 distinct resources spread over 5 buckets an hour old.
        concentrator.ProcessAccepted(Batch([.. Enumerable.Range(0, 25_000).Select(i => Resource(i, s_base + (i % 5 * 10 * Second)))]));

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.Equal(5, concentrator.TakeClosed().Count);
        var next = concentrator.WaitUntilFlushNeededAsync(CancellationToken.None);
        concentrator.ProcessAccepted(Batch(Resource(1, s_base)));
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public void Process_ManyGroupsInTheLiveBuckets_DoesNotAskForAnEarlyFlush()
    {
        var now = s_base + (3_600 * Second);
        var concentrator = new StatsConcentrator(new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds(now / 1_000_000)));
        var waiting = concentrator.WaitUntilFlushNeededAsync(CancellationToken.None);

        // High cardinality, but all of it current: a flush could not take any of it.
        concentrator.ProcessAccepted(Batch([.. Enumerable.Range(0, 25_000).Select(i => Resource(i, now - Second))]));

        Assert.False(waiting.IsCompleted);
    }

    private static Span Resource(int i, long start)
    {
        var span = Server((ulong)i + 1, start, Second / 10);
        span.Datadog!.Resource = "GET /r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return span;
    }

    private static SpanBatch Batch(params Span[] spans) => new([.. spans]);

    private static Span Server(ulong id, long start, long duration) => Span(id, start, duration, "web.request", SpanKind.Server, parent: 0, topLevel: true);

    private static Span Span(ulong id, long start, long duration, string name, SpanKind kind, ulong parent, bool topLevel) => new()
    {
        TraceId = new TraceId(0, 42),
        SpanId = new SpanId(id),
        ParentSpanId = new SpanId(parent),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = start,
        EndTimeUnixNano = start + duration,
        Datadog = new DatadogSpanInfo
        {
            Service = "web",
            Name = name,
            Resource = name == "web.request" ? "GET /users/{id}" : name,
            Type = name == "web.request" ? "web" : string.Empty,
            TopLevel = topLevel,
        },
    };

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
