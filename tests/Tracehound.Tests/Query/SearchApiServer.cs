using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracehound.Processing.Semantics;
using Tracehound.Query;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

/// <summary>
/// A real Kestrel app on 127.0.0.1 (port 0) serving <c>MapQueryApi</c> over <see cref="SearchTestSpans"/>
/// in an <see cref="InMemoryTraceStore"/>, read through <see cref="DatadogViewTraceStore"/> as the server does.
/// </summary>
public sealed class SearchApiServer : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var store = new InMemoryTraceStore();
        store.Add(SearchTestSpans.Raw());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<ITraceStore>(new DatadogViewTraceStore(store, new DatadogSemanticsOptions()));
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
}
