using System.Net;
using System.Text.Json;

namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>Reads the query API of a running server.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri api)
    {
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Tracehound's own trace shape, or throws with the status when the trace is not there.</summary>
    public async Task<JsonElement> GetTraceV1Async(string id)
    {
        var (status, body) = await GetAsync($"/api/v1/traces/{id}");
        Assert.True(status == HttpStatusCode.OK, $"GET /api/v1/traces/{id} answered {(int)status}: {body}");
        return body;
    }

    public void Dispose() => _http.Dispose();
}
