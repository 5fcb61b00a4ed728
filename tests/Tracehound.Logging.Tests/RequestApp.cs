using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Tracehound.Logging.Tests;

/// <summary>
/// A real ASP.NET Core app on TestServer with an activity listener, so each request runs inside
/// the hosting layer's own request <see cref="Activity"/> (as with OpenTelemetry tracing on).
/// </summary>
internal sealed class RequestApp : IAsyncDisposable
{
    private readonly ActivityListener _listener;
    private readonly WebApplication _app;

    private RequestApp(WebApplication app, ActivityListener listener)
    {
        _app = app;
        _listener = listener;
    }

    /// <summary>The ids of the activity the last request ran in.</summary>
    public static AsyncLocal<(ActivityTraceId TraceId, ActivitySpanId SpanId)> LastIds { get; } = new();

    public static async Task<RequestApp> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new RequestApp(app, listener);
    }

    public IServiceProvider Services => _app.Services;

    public async Task<string> GetAsync(string path)
    {
        using var client = _app.GetTestClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _listener.Dispose();
    }
}
