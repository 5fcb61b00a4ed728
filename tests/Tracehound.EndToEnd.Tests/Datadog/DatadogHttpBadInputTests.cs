using System.Net;
using System.Text;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Datadog;

/// <summary>The 8126 listener's answers: 400 with a reason and nothing stored for bad bodies, 413 over 25 MiB, /info, v0.3's OK.</summary>
public sealed class DatadogHttpBadInputTests
{
    [Fact]
    public async Task DatadogListener_BadBodies_AreRefusedAndNothingIsStored()
    {
        using var data = new TempDirectory();
        await using var server = await TracehoundProcess.StartAsync(data.Path);
        using var http = new HttpClient { BaseAddress = server.Datadog };

        // [[{trace_id:1, span_id:1}, <truncated span>]]: the first span is valid but must not be kept.
        byte[] truncated = [0x91, 0x92, 0x82, 0xa8, .. "trace_id"u8, 0x01, 0xa7, .. "span_id"u8, 0x01, 0x82, 0xa8, .. "trace_id"u8];
        foreach (var path in new[] { "/v0.3/traces", "/v0.4/traces", "/v0.5/traces", "/v0.7/traces" })
        {
            using var response = await PutAsync(http, path, truncated, "application/msgpack");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
            Assert.Equal("7.65.0", response.Headers.GetValues("Datadog-Agent-Version").Single());
        }

        using (var garbage = await PutAsync(http, "/v0.4/traces", Encoding.UTF8.GetBytes("{not json"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        }

        using (var huge = await PutAsync(http, "/v0.4/traces", new byte[(25 * 1024 * 1024) + 1], "application/msgpack"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }

        using var api = new ApiClient(server.Api);
        var (status, _) = await api.GetAsync("/api/traces/1");
        Assert.Equal(HttpStatusCode.NotFound, status);

        using (var v03 = await PutAsync(http, "/v0.3/traces", "[[]]"u8.ToArray(), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, v03.StatusCode);
            Assert.Equal("OK", (await v03.Content.ReadAsStringAsync()).Trim());
        }

        using (var v04 = await PutAsync(http, "/v0.4/traces", [0x90], "application/msgpack"))
        {
            Assert.Equal(HttpStatusCode.OK, v04.StatusCode);
            Assert.Equal("{\"rate_by_service\":{\"service:,env:\":1}}", await v04.Content.ReadAsStringAsync());
        }

        using var info = await http.GetAsync(new Uri("/info", UriKind.Relative));
        var infoText = await info.Content.ReadAsStringAsync();
        Assert.Contains("\"/v0.5/traces\"", infoText, StringComparison.Ordinal);
        Assert.Equal(64, info.Headers.GetValues("Datadog-Agent-State").Single().Length);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return http.PutAsync(new Uri(path, UriKind.Relative), content);
    }
}
