using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Storage;
using Tracehound.Storage.Embedded;
using static Tracehound.Tests.Storage.StoreTestSpans;

namespace Tracehound.Tests.Storage;

/// <summary>
/// A Datadog view a tracer sent is stored with the span; one Tracehound derived from the
/// OpenTelemetry fields is not (readers recompute it), so it costs no bytes on disk.
/// </summary>
public sealed class EmbeddedStoreDatadogViewTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-ddview-tests", Guid.NewGuid().ToString("N"));
    private EmbeddedTraceStore _store = null!;

    public Task InitializeAsync()
    {
        _store = EmbeddedTraceStore.Open(new EmbeddedStoreOptions { DataDirectory = _directory }, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WriteAsync_DerivedView_IsNotStoredButReceivedOneIs()
    {
        var resource = ResourceFor("view");
        var derived = Make(Id(5, 1), 1, resource, "GET /a", 0);
        derived.Datadog = new DatadogSpanInfo { Derived = true, Service = "view", Name = "http.server.request", Resource = "GET /a" };
        var received = Make(Id(5, 2), 2, resource, "web.request", 0);
        received.Datadog = new DatadogSpanInfo { Service = "view", Name = "web.request", Resource = "GET /b", Type = "web" };

        await _store.WriteAsync(Batch(derived, received), CancellationToken.None);

        var derivedBack = await _store.GetTraceAsync(TraceLookup.Full(Id(5, 1)), CancellationToken.None);
        var receivedBack = await _store.GetTraceAsync(TraceLookup.Full(Id(5, 2)), CancellationToken.None);
        Assert.Null(Assert.Single(derivedBack!.Spans).Datadog);
        var info = Assert.Single(receivedBack!.Spans).Datadog;
        Assert.NotNull(info);
        Assert.False(info.Derived);
        Assert.Equal("GET /b", info.Resource);
        Assert.Equal("web", info.Type);
    }
}
