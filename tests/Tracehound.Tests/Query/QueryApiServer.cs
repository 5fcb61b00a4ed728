using Tracehound.Model;

namespace Tracehound.Tests.Query;

/// <summary>
/// <see cref="QueryApiHost"/> over an <see cref="InMemoryTraceStore"/> holding the test traces, "now"
/// pinned to <see cref="Now"/>; shared by the endpoint tests of one class.
/// </summary>
public sealed class QueryApiServer : IAsyncLifetime
{
    /// <summary>"Now" for lookback: one hour after <see cref="TestTraces.BaseNanos"/>.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_704_067_200 + 3600);

    private QueryApiHost? _host;

    internal InMemoryTraceStore Store { get; } = new();

    public HttpClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        Store.Add(TestTraces.Trace(TestTraces.FullId));
        Store.Add(TestTraces.Trace(TestTraces.ShortId));
        Store.Add(TestTraces.Trace(TestTraces.DecimalLookingId));

        // Older traces of a second service, one minute apart, for search tests.
        Store.Add(TestTraces.Single(new TraceId(0xaa, 1), "search-svc", "fast", -3_600_000_000_000, 5_000_000, SpanKind.Server));
        Store.Add(TestTraces.Single(new TraceId(0xaa, 2), "search-svc", "slow", -3_540_000_000_000, 2_000_000_000, SpanKind.Client));
        Store.Add(TestTraces.Single(new TraceId(0xaa, 3), "search-svc", "fast", -7_200_000_000_000, 7_000_000, SpanKind.Server));

        _host = await QueryApiHost.StartAsync(Store, new FixedTimeProvider(Now));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
