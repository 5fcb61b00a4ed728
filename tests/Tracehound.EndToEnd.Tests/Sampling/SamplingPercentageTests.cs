using System.Net;
using System.Net.Http.Headers;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Sampling;

/// <summary>
/// <c>--sampling-percentage 10</c> on OTLP traces: exactly the traces the Datadog agent's
/// probabilistic sampler keeps are stored. The expectation is computed here independently from
/// the agent's definition (FNV-1a-32 over a 4-byte zero seed, the low 64 id bits big-endian and 8
/// zero bytes; kept iff hash &amp; 0x3FFF &lt; ⌊10 × 163.84⌋ = 1638).
/// </summary>
public sealed class SamplingPercentageTests
{
    private const int Traces = 300;

    [Fact]
    public async Task OtlpTraces_SamplingPercentage10_StoresExactlyTheHashKeptTraces()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path, "--sampling-percentage", "10");
        var spans = new List<OtlpPayload.TestSpan>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Traces; i++)
        {
            var traceId = OtlpPayload.TraceId();
            var root = OtlpPayload.SpanId();
            spans.Add(new OtlpPayload.TestSpan(traceId, root, [], "GET /cart"));
            spans.Add(new OtlpPayload.TestSpan(traceId, OtlpPayload.SpanId(), root, "SELECT", 3));
            if (AgentSamplingHash.Keeps(traceId, 10))
            {
                expected.Add(Convert.ToHexStringLower(traceId));
            }
        }

        using (var http = new HttpClient())
        {
            using var content = new ByteArrayContent(OtlpPayload.Request("sampled-svc", spans));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await http.PostAsync(new Uri(server.OtlpHttp, "/v1/traces"), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var api = new ApiClient(server.Api);
        var (status, body) = await api.GetAsync("/api/traces?service=sampled-svc&limit=1500");
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = body.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("traceID").GetString()!, t => t.GetProperty("spans").GetArrayLength());
        Assert.Equal(expected.Order(), stored.Keys.Order());
        Assert.All(stored.Values, count => Assert.Equal(2, count));
        // Roughly a tenth (the hash is uniform): a sanity bound, the exact set is checked above.
        Assert.InRange(expected.Count, 10, 60);
    }
}
