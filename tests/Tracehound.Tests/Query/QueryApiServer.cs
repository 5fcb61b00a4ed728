using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

/// <summary>
/// A real Kestrel app on 127.0.0.1 (port 0) serving <c>MapQueryApi</c> over an <see cref="InMemoryTraceStore"/>
/// holding the test traces; shared by the endpoint tests of one class.
/// </summary>
public sealed class QueryApiServer : IAsyncLifetime
{
    /// <summary>"Now" for lookback: one hour after <see cref="TestTraces.BaseNanos"/>.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_704_067_200 + 3600);

    private WebApplication? _app;

    internal InMemoryTraceStore Store { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store.Add(TestTraces.Trace(TestTraces.FullId));
        Store.Add(TestTraces.Trace(TestTraces.ShortId));
        Store.Add(TestTraces.Trace(TestTraces.DecimalLookingId));

        // Older traces of a second service, one minute apart, for search tests.
        Store.Add(TestTraces.Single(new TraceId(0xaa, 1), "search-svc", "fast", -3_600_000_000_000, 5_000_000, SpanKind.Server));
        Store.Add(TestTraces.Single(new TraceId(0xaa, 2), "search-svc", "slow", -3_540_000_000_000, 2_000_000_000, SpanKind.Client));
        Store.Add(TestTraces.Single(new TraceId(0xaa, 3), "search-svc", "fast", -7_200_000_000_000, 7_000_000, SpanKind.Server));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<ITraceStore>(Store);
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        _app = builder.Build();
        _app.MapQueryApi();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
