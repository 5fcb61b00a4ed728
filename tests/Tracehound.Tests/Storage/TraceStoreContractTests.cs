using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;
using Xunit;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

/// <summary>
/// The one contract every <see cref="ITraceStore"/> backend must pass. A backend's test class
/// derives from this and says how to open its store on a data directory.
/// </summary>
public abstract partial class TraceStoreContractTests : IAsyncLifetime
{
    private readonly List<ITraceStore> _open = [];

    protected TraceStoreContractTests()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "tracehound-store-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>A fresh directory per test.</summary>
    protected string DataDirectory { get; }

    private static CancellationToken None => CancellationToken.None;

    /// <summary>Opens the backend's store on <paramref name="dataDirectory"/> (again, for reopen tests).</summary>
    protected abstract ITraceStore CreateStore(string dataDirectory, int maxQueuedSpans);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task WriteAsync_SpanWithEveryFieldAndValueType_RoundTripsExactly()
    {
        var store = Open();
        var span = FullSpan();
        var sibling = Make(span.TraceId, 2, span.Resource, "sibling", 500, parentId: span.SpanId.Value);
        sibling.Scope = span.Scope;

        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(span, sibling), None));

        var trace = await store.GetTraceAsync(TraceLookup.Full(span.TraceId), None);
        Assert.NotNull(trace);
        Assert.Equal(span.TraceId, trace.TraceId);
        Assert.Equal(2, trace.Spans.Count);
        SpanAssert.Equal(span, trace.Spans[0]);
        SpanAssert.Equal(sibling, trace.Spans[1]);
    }

    [Fact]
    public async Task WriteAsync_SpanWithEmptyFields_RoundTripsExactly()
    {
        var store = Open();
        var span = new Span { TraceId = Id(0, 1), SpanId = new SpanId(ulong.MaxValue), StartTimeUnixNano = 0, EndTimeUnixNano = 0 };

        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(span), None));

        var trace = await store.GetTraceAsync(TraceLookup.Full(span.TraceId), None);
        Assert.NotNull(trace);
        SpanAssert.Equal(span, Assert.Single(trace.Spans));
        Assert.Equal(Resource.UnknownServiceName, trace.Spans[0].ServiceName);
    }

    [Fact]
    public async Task GetTraceAsync_SpansWrittenInSeveralBatches_ReturnsWholeTraceOrderedByStart()
    {
        var store = Open();
        var id = Id(7, 8);
        var resource = ResourceFor("checkout");
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(id, 3, resource, "late", 30)), None));
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(id, 1, resource, "root", 0), Make(Id(9, 9), 5, resource, "other", 1)), None));
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(id, 2, resource, "middle", 10)), None));

        var trace = await store.GetTraceAsync(TraceLookup.Full(id), None);

        Assert.NotNull(trace);
        Assert.Equal(["root", "middle", "late"], trace.Spans.Select(s => s.Name));
    }

    [Fact]
    public async Task GetTraceAsync_ByLow64_FindsTraceAndPrefersMostRecent()
    {
        var store = Open();
        var resource = ResourceFor("api");
        var older = Id(0x1111, 0xABCDEF);
        var newer = Id(0x2222, 0xABCDEF);
        await store.WriteAsync(Batch(Make(older, 1, resource, "older", 0)), None);
        await store.WriteAsync(Batch(Make(newer, 2, resource, "newer", 100)), None);
        await store.WriteAsync(Batch(Make(Id(0x3333, 0x42), 3, resource, "single", 50)), None);

        var single = await store.GetTraceAsync(TraceLookup.ByLow64(0x42), None);
        var shared = await store.GetTraceAsync(TraceLookup.ByLow64(0xABCDEF), None);

        Assert.Equal(Id(0x3333, 0x42), single?.TraceId);
        Assert.Equal(newer, shared?.TraceId);
        Assert.Equal("newer", Assert.Single(shared!.Spans).Name);
    }

    [Fact]
    public async Task GetTraceAsync_UnknownId_ReturnsNull()
    {
        var store = Open();
        await store.WriteAsync(Batch(Make(Id(1, 2), 1, ResourceFor("a"), "x", 0)), None);

        Assert.Null(await store.GetTraceAsync(TraceLookup.Full(Id(1, 3)), None));
        Assert.Null(await store.GetTraceAsync(TraceLookup.Full(Id(2, 2)), None));
        Assert.Null(await store.GetTraceAsync(TraceLookup.ByLow64(3), None));
    }

    [Fact]
    public async Task GetServicesAndOperations_AfterWrites_ListDistinctSortedWithKindFilter()
    {
        var store = Open();
        var api = ResourceFor("api");
        var db = ResourceFor("db");
        await store.WriteAsync(Batch(
            Make(Id(1, 1), 1, db, "query", 0, kind: SpanKind.Client),
            Make(Id(1, 1), 2, api, "GET /b", 0, kind: SpanKind.Server),
            Make(Id(1, 1), 3, api, "GET /a", 0, kind: SpanKind.Server),
            Make(Id(1, 1), 4, api, "GET /a", 0, kind: SpanKind.Client),
            Make(Id(1, 1), 5, api, "GET /a", 0, kind: SpanKind.Server)), None);
        await store.WriteAsync(Batch(Make(Id(2, 2), 6, ResourceFor("cache"), "get", 0)), None);

        Assert.Equal(["api", "cache", "db"], await store.GetServicesAsync(None));
        Assert.Equal(
            [new OperationInfo("GET /a", SpanKind.Server), new OperationInfo("GET /a", SpanKind.Client), new OperationInfo("GET /b", SpanKind.Server)],
            (await store.GetOperationsAsync("api", null, None)).OrderBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Kind == SpanKind.Client));
        Assert.Equal(["GET /a", "GET /b"], (await store.GetOperationsAsync("api", null, None)).Select(o => o.Name).Distinct());
        Assert.Equal([new OperationInfo("GET /a", SpanKind.Client)], await store.GetOperationsAsync("api", SpanKind.Client, None));
        Assert.Empty(await store.GetOperationsAsync("nobody", null, None));
    }

    [Fact]
    public async Task FindTracesAsync_ByServiceOperationAndKind_ReturnsWholeMatchingTraces()
    {
        var store = Open();
        await WriteSearchData(store);

        Assert.Equal([Id(0, 3), Id(0, 2), Id(0, 1)], await FindIds(store, new TraceQuery { ServiceName = "frontend" }));
        Assert.Equal([Id(0, 2)], await FindIds(store, new TraceQuery { ServiceName = "backend", OperationName = "SELECT" }));
        Assert.Equal([Id(0, 3), Id(0, 2), Id(0, 1)], await FindIds(store, new TraceQuery { Kind = SpanKind.Server }));
        Assert.Empty(await FindIds(store, new TraceQuery { ServiceName = "nobody" }));

        var whole = Assert.Single(await store.FindTracesAsync(new TraceQuery { ServiceName = "backend", OperationName = "SELECT" }, None));
        Assert.Equal(["GET /users", "SELECT"], whole.Spans.Select(s => s.Name));
    }

    [Fact]
    public async Task FindTracesAsync_AllConditionsMustHoldOnOneSpan()
    {
        var store = Open();
        await WriteSearchData(store);

        // Trace 2 has a backend span and a span named "GET /users", but not one span with both.
        Assert.Empty(await FindIds(store, new TraceQuery { ServiceName = "backend", OperationName = "GET /users" }));
        Assert.Empty(await FindIds(store, new TraceQuery { ServiceName = "frontend", Tags = [new("db.system", "postgresql")] }));
    }

    [Theory]
    [InlineData("http.route", "/users/{id}", 0x2)]
    [InlineData("http.status_code", "200", 0x1)]
    [InlineData("cache.hit", "true", 0x1)]
    [InlineData("ratio", "0.5", 0x3)]
    [InlineData("whole", "2", 0x3)]
    [InlineData("blob", "AQID/w==", 0x3)]
    [InlineData("deployment.environment", "prod", 0x2)]
    [InlineData("exception.type", "TimeoutException", 0x2)]
    [InlineData("error", "true", 0x2)]
    [InlineData("span.kind", "client", 0x3)]
    [InlineData("db.system", "postgresql", 0x2)]
    [InlineData("ключ/с~знаками", "значение 🐕", 0x3)]
    [InlineData("quote\"key", "a\"b\\c", 0x1)]
    public async Task FindTracesAsync_ByTag_MatchesSpanResourceAndEventAttributesAndSpecials(string key, string value, ulong expectedLow)
    {
        var store = Open();
        await WriteSearchData(store);

        var found = await FindIds(store, new TraceQuery { Tags = [new(key, value)] });

        Assert.Equal([Id(0, expectedLow)], found);
    }

    [Fact]
    public async Task FindTracesAsync_TagValueThatOnlyLooksAlike_DoesNotMatch()
    {
        var store = Open();
        await WriteSearchData(store);

        Assert.Empty(await FindIds(store, new TraceQuery { Tags = [new("http.route", "/users")] }));
        Assert.Empty(await FindIds(store, new TraceQuery { Tags = [new("whole", "2.0")] }));
        Assert.Empty(await FindIds(store, new TraceQuery { Tags = [new("missing", "x")] }));
        Assert.Empty(await FindIds(store, new TraceQuery { Tags = [new("http.route", "/users/{id}"), new("http.status_code", "200")] }));
    }

    [Fact]
    public async Task FindTracesAsync_ByDurationAndTimeRange_FiltersMatchingSpans()
    {
        var store = Open();
        await WriteSearchData(store);

        Assert.Equal([Id(0, 2)], await FindIds(store, new TraceQuery { MinDurationNanos = 150 * Millisecond }));
        Assert.Equal([Id(0, 3), Id(0, 1)], await FindIds(store, new TraceQuery { MaxDurationNanos = 5 * Millisecond }));
        Assert.Equal([Id(0, 1)], await FindIds(store, new TraceQuery { MinDurationNanos = 20 * Millisecond, MaxDurationNanos = 20 * Millisecond }));
        Assert.Equal([Id(0, 2)], await FindIds(store, new TraceQuery
        {
            StartTimeMinUnixNano = BaseTime + (1000 * Millisecond),
            StartTimeMaxUnixNano = BaseTime + (1001 * Millisecond),
        }));
        Assert.Equal([Id(0, 2), Id(0, 1)], await FindIds(store, new TraceQuery { StartTimeMaxUnixNano = BaseTime + (1500 * Millisecond) }));
    }

    [Fact]
    public async Task FindTracesAsync_Limit_ReturnsMostRecentByLatestMatchingSpan()
    {
        var store = Open();
        var resource = ResourceFor("svc");
        var spans = new List<Span>();
        for (ulong t = 1; t <= 30; t++)
        {
            // Trace t starts at t seconds; its "tail" span is what makes trace 1 the most recent "tail" match.
            spans.Add(Make(Id(9, t), t * 10, resource, "root", (long)t * 1000));
            spans.Add(Make(Id(9, t), (t * 10) + 1, resource, "tail", t == 1 ? 100_000 : (long)t * 1000 + 5));
        }

        await store.WriteAsync(new SpanBatch(spans), None);

        var roots = await FindIds(store, new TraceQuery { ServiceName = "svc", OperationName = "root", Limit = 5 });
        var tails = await FindIds(store, new TraceQuery { ServiceName = "svc", OperationName = "tail", Limit = 3 });

        Assert.Equal([Id(9, 30), Id(9, 29), Id(9, 28), Id(9, 27), Id(9, 26)], roots);
        Assert.Equal([Id(9, 1), Id(9, 30), Id(9, 29)], tails);
        Assert.Equal(30, (await FindIds(store, new TraceQuery { Limit = 100 })).Count);
        Assert.All(await store.FindTracesAsync(new TraceQuery { Limit = 100 }, None), t => Assert.Equal(2, t.Spans.Count));
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_KeepsEverything()
    {
        var store = Open();
        var span = FullSpan();
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(span), None));
        await WriteSearchData(store);
        await store.DisposeAsync();

        var reopened = Open();

        SpanAssert.Equal(span, Assert.Single((await reopened.GetTraceAsync(TraceLookup.Full(span.TraceId), None))!.Spans));
        Assert.Equal(["backend", "frontend", "full-service"], await reopened.GetServicesAsync(None));
        Assert.Equal([Id(0, 2)], await FindIds(reopened, new TraceQuery { Tags = [new("deployment.environment", "prod")] }));
        Assert.Equal(ExportResult.Success, await reopened.WriteAsync(Batch(Make(Id(5, 5), 1, ResourceFor("frontend"), "after", 0)), None));
        Assert.NotNull(await reopened.GetTraceAsync(TraceLookup.Full(Id(5, 5)), None));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_AllSpansStored()
    {
        var store = Open();
        const int Writers = 8, BatchesPerWriter = 25, SpansPerBatch = 20;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var resource = ResourceFor($"writer-{w}");
            var outcomes = new List<ExportResult>();
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                var trace = Id((ulong)w + 1, (ulong)b + 1);
                var spans = Enumerable.Range(0, SpansPerBatch)
                    .Select(s => Make(trace, (ulong)s + 1, resource, $"op-{s % 3}", s, attributes: [KeyValue.Int("i", s)]))
                    .ToArray();
                outcomes.Add(await store.WriteAsync(Batch(spans), None));
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(ExportResult.Success, r));
        for (var w = 0; w < Writers; w++)
        {
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                var trace = await store.GetTraceAsync(TraceLookup.Full(Id((ulong)w + 1, (ulong)b + 1)), None);
                Assert.Equal(SpansPerBatch, trace?.Spans.Count);
            }
        }

        Assert.Equal(Writers, (await store.GetServicesAsync(None)).Count);
    }

    [Fact]
    public async Task WriteAsync_QueueFull_ReturnsOverloadedAndEverySuccessIsStored()
    {
        var store = Open(maxQueuedSpans: 10);
        var resource = ResourceFor("burst");

        var writes = Enumerable.Range(1, 300)
            .Select(i => store.WriteAsync(Batch(Make(Id(3, (ulong)i), 1, resource, "burst", i), Make(Id(3, (ulong)i), 2, resource, "burst", i)), None).AsTask())
            .ToArray();
        var results = await Task.WhenAll(writes);

        Assert.All(results, r => Assert.True(r is ExportResult.Success or ExportResult.Overloaded, r.ToString()));
        Assert.Contains(ExportResult.Overloaded, results);
        Assert.Contains(ExportResult.Success, results);
        for (var i = 0; i < results.Length; i++)
        {
            var trace = await store.GetTraceAsync(TraceLookup.Full(Id(3, (ulong)i + 1)), None);
            Assert.Equal(results[i] == ExportResult.Success ? 2 : null, trace?.Spans.Count);
        }
    }

    [Fact]
    public async Task WriteAsync_BatchLargerThanQueue_IsAcceptedIntoEmptyQueue()
    {
        var store = Open(maxQueuedSpans: 10);
        var resource = ResourceFor("big");
        var spans = Enumerable.Range(1, 50).Select(i => Make(Id(4, 4), (ulong)i, resource, "big", i)).ToArray();

        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(spans), None));
        Assert.Equal(50, (await store.GetTraceAsync(TraceLookup.Full(Id(4, 4)), None))?.Spans.Count);
    }

    [Fact]
    public async Task DisposeAsync_WithPendingWrites_DrainsThemAndRefusesNewOnes()
    {
        var store = Open();
        var resource = ResourceFor("drain");
        var pending = Enumerable.Range(1, 40)
            .Select(i => store.WriteAsync(Batch(Make(Id(6, (ulong)i), 1, resource, "drain", i)), None).AsTask())
            .ToArray();

        await store.DisposeAsync();

        Assert.All(await Task.WhenAll(pending), r => Assert.Equal(ExportResult.Success, r));
        Assert.Equal(ExportResult.Unavailable, await store.WriteAsync(Batch(Make(Id(6, 99), 1, resource, "late", 0)), None));

        var reopened = Open();
        for (var i = 1; i <= 40; i++)
        {
            Assert.NotNull(await reopened.GetTraceAsync(TraceLookup.Full(Id(6, (ulong)i)), None));
        }
    }

    [Fact]
    public async Task WriteAsync_CallerCancelsWhileWaiting_StoreStaysConsistent()
    {
        var store = Open();
        var resource = ResourceFor("cancel");
        using var cancellation = new CancellationTokenSource();
        var write = store.WriteAsync(Batch(Make(Id(8, 1), 1, resource, "cancelled", 0)), cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        try
        {
            Assert.Equal(ExportResult.Success, await write);
        }
        catch (OperationCanceledException)
        {
            // Allowed: the caller stopped waiting; the batch may or may not be stored, but whole.
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await store.WriteAsync(Batch(Make(Id(8, 2), 1, resource, "never", 0)), cancellation.Token));
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(Make(Id(8, 3), 1, resource, "after", 0)), None));
        Assert.Null(await store.GetTraceAsync(TraceLookup.Full(Id(8, 2)), None));
        Assert.NotNull(await store.GetTraceAsync(TraceLookup.Full(Id(8, 3)), None));
        var first = await store.GetTraceAsync(TraceLookup.Full(Id(8, 1)), None);
        Assert.True(first is null || first.Spans.Count == 1);
    }

    protected ITraceStore Open(int maxQueuedSpans = 100_000)
    {
        var store = CreateStore(DataDirectory, maxQueuedSpans);
        _open.Add(store);
        return store;
    }

    private static async Task<List<TraceId>> FindIds(ITraceStore store, TraceQuery query) =>
        [.. (await store.FindTracesAsync(query, None)).Select(t => t.TraceId)];

    /// <summary>
    /// Three traces. 1: frontend server span (200, cache hit) at 0 s. 2: frontend server span
    /// at 1 s calling backend (prod resource) with an error, an exception event and a slow SELECT.
    /// 3: frontend client span at 2 s with double, bytes and unicode attributes.
    /// </summary>
    private static async Task WriteSearchData(ITraceStore store)
    {
        var frontend = ResourceFor("frontend");
        var backend = ResourceFor("backend", KeyValue.String("deployment.environment", "prod"));

        var t1 = Make(Id(0, 1), 11, frontend, "GET /home", 0, 20, SpanKind.Server, attributes:
        [
            KeyValue.Int("http.status_code", 200),
            KeyValue.Bool("cache.hit", true),
            KeyValue.String("quote\"key", "a\"b\\c"),
            KeyValue.Double("ratio", 0.25),
        ]);
        var t1Child = Make(Id(0, 1), 12, frontend, "render", 1, 2, parentId: 11);

        var t2Root = Make(Id(0, 2), 21, frontend, "GET /users", 1000, 200, SpanKind.Server, attributes: [KeyValue.String("http.route", "/users/{id}")]);
        var t2Db = Make(Id(0, 2), 22, backend, "SELECT", 1001, 180, SpanKind.Server, parentId: 21, attributes: [KeyValue.String("db.system", "postgresql")]);
        t2Db.StatusCode = StatusCode.Error;
        t2Db.StatusMessage = "timeout";
        t2Db.Events = [new SpanEvent(BaseTime + (1100 * Millisecond), "exception", [KeyValue.String("exception.type", "TimeoutException")])];

        var t3 = Make(Id(0, 3), 31, frontend, "fetch", 2000, 3, SpanKind.Client, attributes:
        [
            KeyValue.Double("ratio", 0.5),
            KeyValue.Double("whole", 2.0),
            new KeyValue("blob", AnyValue.FromBytes([1, 2, 3, 255])),
            KeyValue.String("ключ/с~знаками", "значение 🐕"),
        ]);
        var t3Server = Make(Id(0, 3), 32, frontend, "serve", 2001, 1, SpanKind.Server, parentId: 31);

        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(t1, t1Child), None));
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(t2Root, t2Db), None));
        Assert.Equal(ExportResult.Success, await store.WriteAsync(Batch(t3, t3Server), None));
    }

    private static Span FullSpan()
    {
        KeyValue[] nested =
        [
            KeyValue.String("inner", "v"),
            new("list", AnyValue.FromArray([AnyValue.FromInt(1), AnyValue.FromArray([AnyValue.FromString("deep"), AnyValue.Empty]), AnyValue.FromKeyValueList([])])),
        ];
        KeyValue[] attributes =
        [
            KeyValue.String("string", "text"),
            KeyValue.String("empty", string.Empty),
            KeyValue.String("unicode", "naïve – 日本語 – 🐕 – \u0001\t\n\"\\"),
            KeyValue.Bool("true", true),
            KeyValue.Bool("false", false),
            KeyValue.Int("zero", 0),
            KeyValue.Int("max", long.MaxValue),
            KeyValue.Int("min", long.MinValue),
            KeyValue.Double("double", 3.141592653589793),
            KeyValue.Double("whole double", 1.0),
            KeyValue.Double("negative zero", -0.0),
            KeyValue.Double("huge", 1e300),
            KeyValue.Double("tiny", double.Epsilon),
            KeyValue.Double("max double", double.MaxValue),
            KeyValue.Double("nan", double.NaN),
            KeyValue.Double("inf", double.PositiveInfinity),
            KeyValue.Double("-inf", double.NegativeInfinity),
            new("bytes", AnyValue.FromBytes([0, 1, 2, 0xFE, 0xFF])),
            new("no bytes", AnyValue.FromBytes([])),
            new("empty value", AnyValue.Empty),
            new("array", AnyValue.FromArray([AnyValue.FromString("a"), AnyValue.FromBool(true), AnyValue.FromDouble(2.0), AnyValue.FromBytes([9])])),
            new("empty array", AnyValue.FromArray([])),
            new("kvlist", AnyValue.FromKeyValueList(nested)),
            new("marker-like kvlist", AnyValue.FromKeyValueList([KeyValue.String("$b", "AQI="), KeyValue.Int("x", 1)])),
            new("marker-like kvlist 2", AnyValue.FromKeyValueList([new("$kv", AnyValue.FromKeyValueList([KeyValue.String("$d", "NaN")]))])),
            KeyValue.String("duplicate", "first"),
            KeyValue.String("duplicate", "second"),
            KeyValue.String(string.Empty, "empty key"),
            KeyValue.String("a/b~c", "pointer chars"),
        ];

        return new Span
        {
            TraceId = Id(0xFFFFFFFFFFFFFFFF, 0x8000000000000001),
            SpanId = new SpanId(0xFEDCBA9876543210),
            ParentSpanId = new SpanId(0x0123456789ABCDEF),
            TraceState = "vendor=value,other=1",
            Flags = 0x301,
            Name = "full span ✓",
            Kind = SpanKind.Consumer,
            StartTimeUnixNano = BaseTime + 123_456_789,
            EndTimeUnixNano = BaseTime + 987_654_321,
            Attributes = attributes,
            DroppedAttributesCount = 3,
            Events =
            [
                new SpanEvent(BaseTime + 200_000_000, "event one", [KeyValue.Int("n", -1), new("b", AnyValue.FromBytes([7]))], 2),
                new SpanEvent(BaseTime + 300_000_000, string.Empty, []),
            ],
            DroppedEventsCount = 4,
            Links =
            [
                new SpanLink(Id(1, 2), new SpanId(3), "ls=1", [KeyValue.Double("w", 0.5)], 1, 0x101),
                new SpanLink(Id(ulong.MaxValue, ulong.MaxValue), new SpanId(ulong.MaxValue), string.Empty, []),
            ],
            DroppedLinksCount = 5,
            StatusCode = StatusCode.Error,
            StatusMessage = "boom – 💥",
            Resource = new Resource(
                [KeyValue.String("service.name", "full-service"), KeyValue.Int("pid", 42), new("tags", AnyValue.FromArray([AnyValue.FromString("x")]))],
                droppedAttributesCount: 6,
                schemaUrl: "https://opentelemetry.io/schemas/1.24.0"),
            Scope = new InstrumentationScope("my.library", "2.1.0", [KeyValue.Bool("scope.attr", true)], 7, "https://scope.schema"),
        };
    }
}
