using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Processing.Stats;
using Tracehound.Query.Stats;
using Tracehound.Storage.Embedded;

namespace Tracehound.Tests.Stats;

/// <summary>
/// The stats endpoints over a real embedded store and concentrator: 100 server spans of "shop" (durations 1..100 ms,
/// every 10th an error) spread over 20 minutes, of which all but the last minute are flushed (so answers combine
/// stored 10 s rows, 5 min rollups and unflushed buckets), and 10 client spans of "shop" calling a database.
/// </summary>
public sealed class StatsApiTests : IAsyncLifetime
{
    private const long Millisecond = 1_000_000;
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_700_003_600);
    private static readonly long s_start = (s_now.ToUnixTimeMilliseconds() - (20 * 60_000)) * Millisecond;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-stats-api", Guid.NewGuid().ToString("N"));
    private EmbeddedTraceStore? _store;
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _store = EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory, MemoryLimitBytes = 64L * 1024 * 1024 }, NullLogger.Instance);
        var concentrator = new StatsConcentrator(new FixedTime(s_now));
        var spans = new List<Span>();
        for (var i = 1; i <= 100; i++)
        {
            var start = s_start + ((i - 1) * 12_000 * Millisecond);
            spans.Add(Span((ulong)i, start, i * Millisecond, SpanKind.Server, "GET /items", error: i % 10 == 0));
        }

        for (var i = 1; i <= 10; i++)
        {
            spans.Add(Span(1000 + (ulong)i, s_start, 50 * Millisecond, SpanKind.Client, "SELECT", error: false, parent: 1));
        }

        concentrator.ProcessAccepted(new SpanBatch(spans));
        await using (var flusher = new StatsFlusher(concentrator, _store, NullLogger.Instance))
        {
            Assert.True(await flusher.FlushAsync(all: false, CancellationToken.None));
        }

        // Disposing the flusher flushed everything; add the last minute again as unflushed spans.
        var late = new List<Span>();
        for (var i = 1; i <= 5; i++)
        {
            late.Add(Span(5000 + (ulong)i, (s_now.ToUnixTimeMilliseconds() - 5000) * Millisecond, 200 * Millisecond, SpanKind.Server, "GET /late", error: true));
        }

        concentrator.ProcessAccepted(new SpanBatch(late));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new StatsQueryService(_store, concentrator));
        builder.Services.AddSingleton<TimeProvider>(new FixedTime(s_now));
        _app = builder.Build();
        _app.MapQueryApi();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task Services_WholeRange_CountsTopLevelSpansWithPercentiles()
    {
        using var body = await GetAsync($"/api/v1/services?from={(s_start / Millisecond) - 1000}&to={s_now.ToUnixTimeMilliseconds()}");

        var shop = Assert.Single(body.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("shop", shop.GetProperty("service").GetString());
        Assert.Equal(105, shop.GetProperty("hits").GetInt64());
        Assert.Equal(15, shop.GetProperty("errors").GetInt64());
        Assert.Equal(15.0 / 105, shop.GetProperty("errorRate").GetDouble(), 6);
        Assert.Equal(53 * Millisecond, shop.GetProperty("p50").GetInt64(), 0.02 * 53 * Millisecond);
        Assert.Equal(200 * Millisecond, shop.GetProperty("max").GetInt64(), 0.01 * 200 * Millisecond);
    }

    [Fact]
    public async Task Resources_OfAService_AreTheTopLevelResourcesWithOperations()
    {
        using var body = await GetAsync($"/api/v1/services/shop/resources?from={(s_start / Millisecond) - 1000}&to={s_now.ToUnixTimeMilliseconds()}");

        var resources = body.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["GET /items", "GET /late"], resources.Select(r => r.GetProperty("resource").GetString()));
        Assert.Equal(100, resources[0].GetProperty("hits").GetInt64());
        Assert.Equal(10, resources[0].GetProperty("errors").GetInt64());
        Assert.Equal(95 * Millisecond, resources[0].GetProperty("p95").GetInt64(), 0.02 * 95 * Millisecond);
        Assert.Equal("web.request", resources[0].GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Series_FiveMinuteSteps_SplitTheHitsByTime()
    {
        var from = s_start / Millisecond;
        using var body = await GetAsync($"/api/v1/stats?service=shop&resource=GET%20%2Fitems&from={from}&to={from + (20 * 60_000) - 1}&step=300000");

        Assert.Equal(300_000, body.RootElement.GetProperty("step").GetInt64());
        var points = body.RootElement.GetProperty("points").EnumerateArray().ToList();
        var aligned = from - (from % 300_000);
        Assert.Equal(aligned, points[0].GetProperty("time").GetInt64());
        Assert.Equal(Enumerable.Range(0, points.Count).Select(i => aligned + (i * 300_000L)), points.Select(p => p.GetProperty("time").GetInt64()));
        Assert.InRange(points[^1].GetProperty("time").GetInt64(), from + (15 * 60_000), from + (20 * 60_000) - 1);
        Assert.Equal(100, points.Sum(p => p.GetProperty("hits").GetInt64()));
    }

    [Fact]
    public async Task JaegerCalls_GroupByOperation_GivesRatePerSecondPerOperation()
    {
        var end = s_now.ToUnixTimeMilliseconds();
        using var body = await GetAsync($"/api/metrics/calls?service=shop&groupByOperation=true&endTs={end}&lookback=60000&step=60000&ratePer=1800000&spanKind=server");

        Assert.Equal("service_operation_call_rate", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("GAUGE", body.RootElement.GetProperty("type").GetString());
        var metrics = body.RootElement.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["GET /items", "GET /late"], metrics.Select(m => m.GetProperty("labels")[0].GetProperty("value").GetString()));
        Assert.Equal("service_name", metrics[0].GetProperty("labels")[1].GetProperty("name").GetString());
        var last = metrics[0].GetProperty("metricPoints").EnumerateArray().Last();
        Assert.Equal(100 / 1800.0, last.GetProperty("gaugeValue").GetProperty("doubleValue").GetDouble(), 9);
        Assert.EndsWith("Z", last.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JaegerLatencies_ClientKind_IsInMilliseconds()
    {
        var end = s_now.ToUnixTimeMilliseconds();
        using var body = await GetAsync($"/api/metrics/latencies?service=shop&quantile=0.95&endTs={end}&lookback=60000&step=60000&ratePer=3600000&spanKind=client");

        Assert.Equal("service_latencies", body.RootElement.GetProperty("name").GetString());
        var point = body.RootElement.GetProperty("metrics")[0].GetProperty("metricPoints").EnumerateArray().Last();
        Assert.Equal(50, point.GetProperty("gaugeValue").GetProperty("doubleValue").GetDouble(), 0.01 * 50);
    }

    [Fact]
    public async Task JaegerMinStep_IsTheBucketSize()
    {
        using var body = await GetAsync("/api/metrics/minstep");
        Assert.Equal(10_000, body.RootElement.GetProperty("data").GetInt64());
    }

    [Theory]
    [InlineData("/api/metrics/calls")]
    [InlineData("/api/metrics/latencies?service=shop")]
    [InlineData("/api/metrics/latencies?service=shop&quantile=2")]
    [InlineData("/api/metrics/errors?service=shop&spanKind=sideways")]
    [InlineData("/api/metrics/errors?service=shop&groupByOperation=maybe")]
    public async Task JaegerMetrics_BadParameters_Are400InJaegersEnvelope(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body.RootElement.GetProperty("errors")[0].GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/services?from=yesterday")]
    [InlineData("/api/v1/services?from=2000&to=1000")]
    [InlineData("/api/v1/stats?service=shop&step=fast")]
    [InlineData("/api/v1/stats?step=60000")]
    public async Task StatsApi_BadParameters_Are400WithAReason(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetString()));
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private static Span Span(ulong id, long start, long duration, SpanKind kind, string resource, bool error, ulong parent = 0) => new()
    {
        TraceId = new TraceId(0, id),
        SpanId = new SpanId(id),
        ParentSpanId = new SpanId(parent),
        Name = resource,
        Kind = kind,
        StartTimeUnixNano = start,
        EndTimeUnixNano = start + duration,
        Datadog = new DatadogSpanInfo
        {
            Service = "shop",
            Name = kind == SpanKind.Server ? "web.request" : "postgres.query",
            Resource = resource,
            Type = kind == SpanKind.Server ? "web" : "sql",
            Error = error ? 1 : 0,
            TopLevel = parent == 0,
        },
    };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
