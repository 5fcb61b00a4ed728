using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Processing.Semantics;
using Tracehound.Query;
using Tracehound.Query.Parsing;
using Tracehound.Query.V1;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;

namespace Tracehound.Tests.Query;

/// <summary>
/// Span search over the embedded store: what the store narrows (push-down) must never drop a span the
/// whole query matches, and keyset paging must visit every span exactly once.
/// </summary>
public sealed class EmbeddedSpanSearchTests : IAsyncLifetime
{
    private static readonly Span[] Expected = SearchTestSpans.WithViews();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-span-search-tests", Guid.NewGuid().ToString("N"));
    private EmbeddedTraceStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory }, NullLogger.Instance);
        await _store.WriteAsync(new SpanBatch([.. SearchTestSpans.Raw()]), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("service:web")]
    [InlineData("service:billing")]
    [InlineData("service:mixed-case_svc")]
    [InlineData("service:legacy")]
    [InlineData("status:error")]
    [InlineData("service:worker status:error")]
    [InlineData("-status:ok")]
    [InlineData("NOT status:ok service:worker")]
    [InlineData("@duration:>1s")]
    [InlineData("@duration:{5ms TO 50ms}")]
    [InlineData("@duration:[5ms TO 50ms]")]
    [InlineData("trace_id:c0c0c0c0c0c0c0c03000000000000003")]
    [InlineData("trace_id:4611686018427387908")]
    [InlineData("trace_id:3000000000000003 service:billing")]
    [InlineData("service:web OR status:error")]
    public async Task Scan_WithPushdownAndSmallPages_FindsExactlyWhatTheQueryMatches(string text)
    {
        var query = SpanQueryParser.Parse(text);
        var matches = SpanQueryMatcher.Compile(query);
        var request = new SpanSearchRequest(query, matches, SpanQueryPushdown.Apply(query, new SpanSearch()), 100);
        var store = new DatadogViewTraceStore(_store, new DatadogSemanticsOptions());
        var found = new List<ulong>();

        var result = await SpanScanner.ScanAsync(store, request, maxScanned: 1000, pageSize: 2, span =>
        {
            found.Add(span.SpanId.Value);
            return true;
        }, CancellationToken.None);

        var expected = Expected.Where(matches).OrderByDescending(s => s.StartTimeUnixNano).Select(s => s.SpanId.Value).ToList();
        Assert.Equal(expected, found);
        Assert.False(result.Capped);
    }

    [Fact]
    public async Task FindSpans_DatadogService_NarrowsToCandidateResourcesAndOverridingSpans()
    {
        var web = await _store.FindSpansAsync(new SpanSearch { DatadogService = "web" }, CancellationToken.None);
        var billing = await _store.FindSpansAsync(new SpanSearch { DatadogService = "billing" }, CancellationToken.None);

        // web's two spans by their resource, and the one span that names its own service (checked by the caller).
        Assert.Equal([0xc1UL, 0xa2UL, 0xa1UL], web.Select(s => s.SpanId.Value).ToList());
        Assert.Equal([0xc1UL], billing.Select(s => s.SpanId.Value).ToList());
    }

    [Fact]
    public async Task FindSpans_ScanCap_StopsAndSaysSo()
    {
        var query = SpanQueryParser.Parse(string.Empty);
        var request = new SpanSearchRequest(query, SpanQueryMatcher.Compile(query), new SpanSearch(), 100);
        var seen = 0;

        var result = await SpanScanner.ScanAsync(_store, request, maxScanned: 3, pageSize: 2, _ => ++seen > 0, CancellationToken.None);

        Assert.Equal(3, result.Scanned);
        Assert.True(result.Capped);
        Assert.Equal(3, seen);
    }
}
