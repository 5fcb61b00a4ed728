using System.Globalization;
using System.Net.Http.Headers;

namespace Tracehound.LoadGen;

/// <summary><c>PUT /v0.4/traces</c> (msgpack) with the headers dd-trace sends.</summary>
internal sealed class DatadogHttpTransport : IExportTransport
{
    private readonly HttpClient _http;

    public DatadogHttpTransport(Uri endpoint, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(connections, 64) })
        {
            BaseAddress = endpoint,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public async Task<bool> SendAsync(byte[] payload, int traceCount)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/msgpack");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v0.4/traces") { Content = content };
        request.Headers.Add("Datadog-Meta-Lang", "dotnet");
        request.Headers.Add("Datadog-Meta-Tracer-Version", "loadgen");
        request.Headers.Add("X-Datadog-Trace-Count", traceCount.ToString(CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request);
        return HttpExportAnswer.Acknowledged(response);
    }

    public void Dispose() => _http.Dispose();
}
