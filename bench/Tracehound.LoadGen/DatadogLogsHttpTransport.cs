using System.IO.Compression;
using System.Net.Http.Headers;

namespace Tracehound.LoadGen;

/// <summary>
/// <c>POST /api/v2/logs</c> as a log shipper sends it: the JSON array gzipped per request
/// (<c>Content-Encoding: gzip</c>) with a <c>DD-API-KEY</c>. Compression happens here, per send,
/// because the rendered batch differs every time; the fastest level keeps the load generator's own
/// CPU small on the shared machine.
/// </summary>
internal sealed class DatadogLogsHttpTransport : IExportTransport
{
    private readonly HttpClient _http;
    private long _compressedBytes;
    private long _requests;

    public DatadogLogsHttpTransport(Uri endpoint, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(connections, 64) })
        {
            BaseAddress = endpoint,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>Mean gzip body size per request, over every request sent (retries included).</summary>
    public double MeanCompressedBytes => Interlocked.Read(ref _requests) is var requests and > 0 ? (double)Interlocked.Read(ref _compressedBytes) / requests : 0;

    public async Task<bool> SendAsync(byte[] payload, int traceCount)
    {
        using var compressed = new MemoryStream(payload.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        Interlocked.Add(ref _compressedBytes, compressed.Length);
        Interlocked.Increment(ref _requests);
        using var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/logs") { Content = content };
        request.Headers.Add("DD-API-KEY", "loadgen");
        using var response = await _http.SendAsync(request);
        return HttpExportAnswer.Acknowledged(response);
    }

    public void Dispose() => _http.Dispose();
}
