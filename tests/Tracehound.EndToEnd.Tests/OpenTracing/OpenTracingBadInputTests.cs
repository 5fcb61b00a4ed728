using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.OpenTracing;

/// <summary>
/// Bad input on every Zipkin and Jaeger port: HTTP gets 400/413/415 with a reason and nothing is
/// stored; random UDP datagrams are dropped and the listeners keep serving; replays of the real
/// client payloads (gzip too) and a compact-protocol datagram are stored and read back.
/// </summary>
public sealed class OpenTracingBadInputTests : IClassFixture<SharedServer>
{
    private readonly SharedServer _shared;

    public OpenTracingBadInputTests(SharedServer shared)
    {
        _shared = shared;
    }

    [Fact]
    public async Task ZipkinPort_BadBodies_AreRefusedAndGzipReplayIsStored()
    {
        var server = _shared.Server;
        using var http = new HttpClient { BaseAddress = server.Zipkin };
        await AssertStatusAsync(http, "/api/v2/spans", "[{\"traceId\":\"1\",\"id\":"u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/v2/spans", "{\"not\":\"a list\"}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/v2/spans", "[{\"traceId\":\"zz\",\"id\":\"1\"}]"u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/v2/spans", [0x0a, 0xff, 0x01], "application/x-protobuf", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/v1/spans", "[{\"annotations\":7}]"u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/v1/spans", [1, 2, 3], "application/x-thrift", HttpStatusCode.UnsupportedMediaType);
        await AssertStatusAsync(http, "/api/v2/spans", "x"u8.ToArray(), "text/plain", HttpStatusCode.UnsupportedMediaType);
        await AssertStatusAsync(http, "/api/v2/spans", new byte[SharedServer.MaxBodyBytes + 1], "application/json", HttpStatusCode.RequestEntityTooLarge);
        await AssertStatusAsync(http, "/api/v2/spans", [0x1f, 0x8b, 8, 0, 0, 0], "application/json", HttpStatusCode.BadRequest, "gzip");
        await AssertStatusAsync(http, "/api/v2/spans", "[{\"traceId\":\"0\",\"id\":\"0\"}]"u8.ToArray(), "application/json", HttpStatusCode.BadRequest);

        // The real zipkin-js payload, gzip-compressed: accepted and readable.
        await AssertStatusAsync(http, "/api/v2/spans", Gzip(Fixtures.Payload("zipkin-js-v2-128bit")), "application/json", HttpStatusCode.Accepted, "gzip");
        using var api = new ApiClient(server.Api);
        var traceId = Fixtures.Result("zipkin-js-v2-128bit").GetProperty("traces").GetProperty("web").GetProperty("traceId").GetString()!;
        var trace = await OpenTracingClientsEndToEndTests.WaitForTraceAsync(api, traceId, 3);
        Assert.Contains(trace.GetProperty("spans").EnumerateArray(), s => s.GetProperty("operationName").GetString() == "get /users/:id");

        // Nothing of the refused bodies was stored.
        var (status, _) = await api.GetAsync("/api/traces/1");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task JaegerHttpPort_BadBodies_AreRefusedAndReplayIsStored()
    {
        var server = _shared.Server;
        using var http = new HttpClient { BaseAddress = server.JaegerHttp };
        var batch = Fixtures.Payload("jaeger-client-thrift-http");
        await AssertStatusAsync(http, "/api/traces", batch[..(batch.Length / 2)], "application/x-thrift", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/traces", [15, 0, 2, 12, 0x7f, 0xff, 0xff, 0xff], "application/x-thrift", HttpStatusCode.BadRequest);
        await AssertStatusAsync(http, "/api/traces", Encoding.UTF8.GetBytes("{\"data\":[]}"), "application/json", HttpStatusCode.UnsupportedMediaType);
        await AssertStatusAsync(http, "/api/traces", new byte[SharedServer.MaxBodyBytes + 1], "application/x-thrift", HttpStatusCode.RequestEntityTooLarge);
        var random = new Random(14268);
        for (var i = 0; i < 20; i++)
        {
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            garbage[0] = 0xff; // not a thrift type: always refused
            await AssertStatusAsync(http, "/api/traces", garbage, "application/x-thrift", HttpStatusCode.BadRequest);
        }

        await AssertStatusAsync(http, "/api/traces", batch, "application/x-thrift", HttpStatusCode.Accepted);
        using var api = new ApiClient(server.Api);
        var traceId = Fixtures.Result("jaeger-client-thrift-http").GetProperty("traces").GetProperty("error").GetProperty("traceId").GetString()!;
        var trace = await OpenTracingClientsEndToEndTests.WaitForTraceAsync(api, traceId, 2);
        Assert.Contains(trace.GetProperty("spans").EnumerateArray(), s => s.GetProperty("operationName").GetString() == "POST /orders");
    }

    [Fact]
    public async Task JaegerUdpPorts_RandomDatagrams_AreDroppedAndTheListenersKeepServing()
    {
        var server = _shared.Server;
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var compact = new IPEndPoint(IPAddress.Parse(server.JaegerUdpCompact.Host), server.JaegerUdpCompact.Port);
        var binary = new IPEndPoint(IPAddress.Parse(server.JaegerUdpBinary.Host), server.JaegerUdpBinary.Port);
        var random = new Random(6831);
        for (var i = 0; i < 300; i++)
        {
            var garbage = new byte[random.Next(0, 1500)];
            random.NextBytes(garbage);
            await udp.SendAsync(garbage, i % 2 == 0 ? compact : binary);
        }

        // Still serving: a compact datagram on 6831's port and a binary one (the real jaeger-client batch) on 6832's.
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000) * 1000;
        await udp.SendAsync(CompactEmitBatch.Build("e2e-compact", 0x1234, 0x5678, 0x9abc, "compact span", start, 2500), compact);
        await udp.SendAsync(BinaryEmitBatch(Fixtures.Payload("jaeger-client-thrift-http-128bit")), binary);

        using var api = new ApiClient(server.Api);
        var compactTrace = await OpenTracingClientsEndToEndTests.WaitForTraceAsync(api, "00000000000012340000000000005678", 1);
        var span = Assert.Single(compactTrace.GetProperty("spans").EnumerateArray());
        Assert.Equal("compact span", span.GetProperty("operationName").GetString());
        Assert.Equal("0000000000009abc", span.GetProperty("spanID").GetString());
        Assert.Equal(start, span.GetProperty("startTime").GetInt64());
        Assert.Equal(2500, span.GetProperty("duration").GetInt64());
        var tags = span.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value"));
        Assert.Equal("server", tags["span.kind"].GetString());
        Assert.True(tags["error"].GetBoolean());
        Assert.Equal("e2e-compact", compactTrace.GetProperty("processes").GetProperty(span.GetProperty("processID").GetString()!).GetProperty("serviceName").GetString());

        var webId = Fixtures.Result("jaeger-client-thrift-http-128bit").GetProperty("traces").GetProperty("web").GetProperty("traceId").GetString()!;
        await OpenTracingClientsEndToEndTests.WaitForTraceAsync(api, webId, 3);
        Assert.Contains("undecodable Jaeger UDP datagram", server.Output, StringComparison.Ordinal);
        Assert.False(server.HasExited);
    }

    /// <summary>The agent's <c>emitBatch</c> oneway call around a captured binary <c>Batch</c> (as jaeger-client's UDP sender writes it).</summary>
    private static byte[] BinaryEmitBatch(byte[] batch)
    {
        byte[] header = [0x80, 0x01, 0x00, 0x04, 0, 0, 0, 9, .. "emitBatch"u8, 0, 0, 0, 1, 12, 0, 1];
        return [.. header, .. batch, 0];
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static async Task AssertStatusAsync(HttpClient http, string path, byte[] body, string contentType, HttpStatusCode expected, string? encoding = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path} ({contentType}) answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        if ((int)expected >= 400 && expected != HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), "an error answer says why");
        }
    }
}
