using Tracehound.Processing.Semantics;
using Tracehound.Query;

namespace Tracehound.Tests.Query;

/// <summary>
/// <see cref="QueryApiHost"/> over <see cref="SearchTestSpans"/> in an <see cref="InMemoryTraceStore"/>,
/// read through <see cref="DatadogViewTraceStore"/> as the server does.
/// </summary>
public sealed class SearchApiServer : IAsyncLifetime
{
    private QueryApiHost? _host;

    public HttpClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        var store = new InMemoryTraceStore();
        store.Add(SearchTestSpans.Raw());
        _host = await QueryApiHost.StartAsync(new DatadogViewTraceStore(store, new DatadogSemanticsOptions()));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
