using Tracehound.Storage;

namespace Tracehound.Tests.Storage;

public abstract partial class TraceStoreContractTests
{
    private const long StatsBucket = 10_000_000_000;
    private const long StatsBase = 1_700_000_000_000_000_000;

    [Fact]
    public async Task WriteStatsAsync_Rows_ReadBackExactlyByRangeServiceAndResource()
    {
        var store = StatsStore(Open());
        var full = StatsRowFor("checkout", "GET /cart", 0) with
        {
            Name = "web.request", Type = "web", SpanKind = "server", HttpStatusCode = 503, Synthetics = true, IsTraceRoot = 2,
            PeerTags = "peer.service:db", GrpcStatusCode = "14", HttpMethod = "GET", HttpEndpoint = "/cart", ServiceSource = "m",
            SpanName = "GET /cart", Hits = 2.5, Errors = 1, TopLevelHits = 2, Duration = 1e9, OkSketch = [1, 2, 3], ErrorSketch = [4],
        };
        await store.WriteStatsAsync(new StatsWrite
        {
            Rows = [full, StatsRowFor("checkout", "POST /pay", 1), StatsRowFor("search", "GET /q", 0), StatsRowFor("checkout", "GET /cart", 5)],
        }, None);

        var window = await store.ReadStatsAsync(StatsQueryFor(0, 3, "checkout"), None);
        Assert.Equal(2, window.Count);
        var read = window.Single(r => r.Resource == "GET /cart");
        Assert.Equal(full with { OkSketch = [], ErrorSketch = [] }, read with { OkSketch = [], ErrorSketch = [] });
        Assert.Equal(full.OkSketch, read.OkSketch);
        Assert.Equal(full.ErrorSketch, read.ErrorSketch);

        var resource = await store.ReadStatsAsync(StatsQueryFor(0, 10, "checkout") with { Resource = "GET /cart" }, None);
        Assert.Equal([StatsBase, StatsBase + (5 * StatsBucket)], resource.Select(r => r.BucketStartUnixNano).Order());

        var everyService = await store.ReadStatsAsync(StatsQueryFor(0, 1, null), None);
        Assert.Equal(["checkout", "search"], everyService.Select(r => r.Service).Order());
    }

    [Fact]
    public async Task WriteStatsAsync_Replace_DeletesOnlyThatPeriodOfThatResolution()
    {
        var store = StatsStore(Open());
        const long Rollup = 300_000_000_000;
        await store.WriteStatsAsync(new StatsWrite
        {
            Rows = [StatsRowFor("a", "r", 0) with { BucketDurationNanos = Rollup, Hits = 1 }, StatsRowFor("a", "r", 0)],
        }, None);

        await store.WriteStatsAsync(new StatsWrite
        {
            Replace = [new StatsPeriod(Rollup, StatsBase)],
            Rows = [StatsRowFor("a", "r", 0) with { BucketDurationNanos = Rollup, Hits = 7 }],
        }, None);

        var rollups = await store.ReadStatsAsync(StatsQueryFor(0, 100, "a") with { BucketDurationNanos = Rollup }, None);
        Assert.Equal(7, Assert.Single(rollups).Hits);
        Assert.Single(await store.ReadStatsAsync(StatsQueryFor(0, 100, "a"), None));
    }

    [Fact]
    public async Task WriteStatsAsync_Rows_SurviveReopening()
    {
        var store = Open();
        await StatsStore(store).WriteStatsAsync(new StatsWrite { Rows = [StatsRowFor("a", "r", 0) with { OkSketch = [9, 9] }] }, None);
        await store.DisposeAsync();
        _open.Remove(store);

        var reopened = StatsStore(Open());
        var row = Assert.Single(await reopened.ReadStatsAsync(StatsQueryFor(0, 1, "a"), None));
        Assert.Equal([9, 9], row.OkSketch);
    }

    [Fact]
    public async Task ReadStatsAsync_NothingWritten_IsEmpty()
    {
        var store = StatsStore(Open());
        Assert.Empty(await store.ReadStatsAsync(StatsQueryFor(0, 1000, null), None));
    }

    private static IStatsStore StatsStore(ITraceStore store) => Assert.IsAssignableFrom<IStatsStore>(store);

    private static StatsRow StatsRowFor(string service, string resource, int bucket) => new()
    {
        BucketStartUnixNano = StatsBase + (bucket * StatsBucket),
        BucketDurationNanos = StatsBucket,
        Service = service,
        Resource = resource,
        Hits = 1,
    };

    private static StatsQuery StatsQueryFor(int fromBucket, int toBucket, string? service) => new()
    {
        BucketDurationNanos = StatsBucket,
        StartUnixNano = StatsBase + (fromBucket * StatsBucket),
        EndUnixNano = StatsBase + (toBucket * StatsBucket),
        Service = service,
    };
}
