using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracehound.Query;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

/// <summary>
/// A real Kestrel app on 127.0.0.1 (port 0) serving <c>MapQueryApi</c> over a given store, with a
/// client for it: what the query endpoint test fixtures share. Pass the store as the server wires it
/// (a <see cref="DatadogViewTraceStore"/> over the raw store when the Datadog views matter).
/// </summary>
internal sealed class QueryApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QueryApiHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <param name="store">What the endpoints read.</param>
    /// <param name="time">"Now" for lookback, when the test pins it; else the system clock.</param>
    public static async Task<QueryApiHost> StartAsync(ITraceStore store, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(store);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        app.MapQueryApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new QueryApiHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
