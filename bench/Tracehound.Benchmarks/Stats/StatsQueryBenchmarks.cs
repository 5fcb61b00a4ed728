using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Processing.Stats;
using Tracehound.Query.Stats;
using Tracehound.Storage.Embedded;

namespace Tracehound.Benchmarks.Stats;

/// <summary>
/// Stats queries over 24 h of one service in the embedded store: 10 resources with spans in every 10 s bucket
/// (86,400 stored 10 s rows plus the 5 min / 1 h rollups the flusher writes), and 4 other services as noise.
/// "services" is the /api/v1/services figure for the service over the day (ranges not aligned to rollups);
/// "series" is /api/v1/stats with 5 min steps (288 points).
/// </summary>
[MemoryDiagnoser]
public class StatsQueryBenchmarks
{
    private const long Second = 1_000_000_000;
    private const long Day = 86_400 * Second;
    private static readonly long s_start = 1_700_000_000L * Second;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-stats-bench", Guid.NewGuid().ToString("N"));
    private EmbeddedTraceStore? _store;
    private StatsQueryService? _query;

    [GlobalSetup]
    public void Setup()
    {
        _store = EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory }, NullLogger.Instance);
        var concentrator = new StatsConcentrator(new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds((s_start + (2 * Day)) / 1_000_000)));
        var flusher = new StatsFlusher(concentrator, _store, NullLogger.Instance);
        var random = new Random(7);
        ulong id = 1;
        for (var hour = 0; hour < 24; hour++)
        {
            var spans = new List<Span>();
            for (var bucket = 0; bucket < 360; bucket++)
            {
                var at = s_start + (hour * 3600 * Second) + (bucket * 10 * Second);
                for (var resource = 0; resource < 10; resource++)
                {
                    spans.Add(Span(id++, "checkout", $"GET /r{resource}", at, random.Next(1, 2000) * 1_000_000L, random.Next(20) == 0));
                }

                spans.Add(Span(id++, $"other-{bucket % 4}", "GET /", at, random.Next(1, 2000) * 1_000_000L, false));
            }

            var batch = new SpanBatch(spans);
            concentrator.Process(batch);
            batch.MarkAccepted();
            if (!flusher.FlushAsync(all: true, CancellationToken.None).GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("flush failed");
            }
        }

        _query = new StatsQueryService(_store, concentrator);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "24 h of one service: totals")]
    public async Task<int> Services()
    {
        var from = s_start + (7 * Second * 10);
        var result = await _query!.AggregateAsync(from, from + Day, Day, "checkout", null,
            static (in StatsKey key, double topLevelHits, out string group) =>
            {
                group = key.Service;
                return topLevelHits > 0;
            }, CancellationToken.None).ConfigureAwait(false);
        return result.Count;
    }

    [Benchmark(Description = "24 h of one service: 5 min series")]
    public async Task<int> Series()
    {
        // As /api/v1/stats does: points aligned to multiples of the step, so they line up with the 5 min rollups.
        var from = s_start - (s_start % (300 * Second));
        var result = await _query!.AggregateAsync(from, from + Day, 300 * Second, "checkout", null,
            static (in StatsKey key, double topLevelHits, out bool group) =>
            {
                group = true;
                return topLevelHits > 0;
            }, CancellationToken.None).ConfigureAwait(false);
        return result.Count;
    }

    private static Span Span(ulong id, string service, string resource, long start, long duration, bool error) => new()
    {
        TraceId = new TraceId(0, id),
        SpanId = new SpanId(id),
        Name = resource,
        Kind = SpanKind.Server,
        StartTimeUnixNano = start,
        EndTimeUnixNano = start + Math.Min(duration, 9 * Second),
        Datadog = new DatadogSpanInfo { Service = service, Name = "web.request", Resource = resource, Type = "web", Error = error ? 1 : 0, TopLevel = true },
    };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
