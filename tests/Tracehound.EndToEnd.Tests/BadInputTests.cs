using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests;

/// <summary>
/// Every kind of bad input gets a clear error with the reason, and the server stays up with
/// everything acknowledged before still there.
/// </summary>
public sealed class BadInputTests : IClassFixture<SharedServer>
{
    private static readonly Method<byte[], byte[]> ExportMethod = new(
        MethodType.Unary,
        "opentelemetry.proto.collector.trace.v1.TraceService",
        "Export",
        Marshallers.Create(static b => b, static b => b),
        Marshallers.Create(static b => b, static b => b));

    private readonly TracehoundProcess _server;

    public BadInputTests(SharedServer shared)
    {
        _server = shared.Server;
    }

    public static TheoryData<string, string, byte[], HttpStatusCode> HttpCases()
    {
        var fixture = Fixtures.Payload("otel-js-traces-http-proto");
        var json = Fixtures.Payload("otel-js-traces-http-json");
        return new TheoryData<string, string, byte[], HttpStatusCode>
        {
            { "garbage protobuf", "application/x-protobuf", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A], HttpStatusCode.BadRequest },
            { "truncated protobuf", "application/x-protobuf", fixture[..(fixture.Length / 2)], HttpStatusCode.BadRequest },
            { "malformed JSON", "application/json", Encoding.UTF8.GetBytes("{\"resourceSpans\": [ {\"scopeSpans\": "), HttpStatusCode.BadRequest },
            { "truncated JSON", "application/json", json[..(json.Length - 10)], HttpStatusCode.BadRequest },
            { "JSON of the wrong shape", "application/json", Encoding.UTF8.GetBytes("{\"resourceSpans\": {\"a\": 1}}"), HttpStatusCode.BadRequest },
            { "wrong content type", "text/plain", fixture, HttpStatusCode.UnsupportedMediaType },
            { "body over the limit", "application/x-protobuf", new byte[SharedServer.MaxBodyBytes + 1024], HttpStatusCode.RequestEntityTooLarge },
            { "only invalid ids", "application/x-protobuf", OtlpPayload.Request("bad-ids", [new OtlpPayload.TestSpan(new byte[16], OtlpPayload.SpanId(), [], "zero trace id")]), HttpStatusCode.BadRequest },
            { "id of the wrong length", "application/x-protobuf", OtlpPayload.Request("bad-ids", [new OtlpPayload.TestSpan(new byte[5], OtlpPayload.SpanId(), [], "short trace id")]), HttpStatusCode.BadRequest },
        };
    }

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task OtlpHttp_BadInput_GetsClearErrorAndServerStaysUp(string name, string contentType, byte[] body, HttpStatusCode expected)
    {
        var (acknowledgedTrace, _) = await ExportValidTraceAsync();

        using var http = new HttpClient { BaseAddress = _server.OtlpHttp };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(new Uri("/v1/traces", UriKind.Relative), content);
        var reason = await response.Content.ReadAsStringAsync();

        Assert.True(expected == response.StatusCode, $"{name}: expected {(int)expected}, got {(int)response.StatusCode} {reason}");
        Assert.False(string.IsNullOrWhiteSpace(reason), $"{name}: the error has no reason");
        await AssertServerHealthyAsync(acknowledgedTrace);
    }

    [Fact]
    public async Task OtlpHttp_InvalidGzip_Is400()
    {
        var (acknowledgedTrace, _) = await ExportValidTraceAsync();
        using var response = await PostAsync([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03], "application/x-protobuf", "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertServerHealthyAsync(acknowledgedTrace);
    }

    [Fact]
    public async Task OtlpHttp_GzipThatInflatesPastTheLimit_Is413()
    {
        var (acknowledgedTrace, _) = await ExportValidTraceAsync();
        using var response = await PostAsync(Gzip(new byte[SharedServer.MaxBodyBytes * 4]), "application/x-protobuf", "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertServerHealthyAsync(acknowledgedTrace);
    }

    [Fact]
    public async Task OtlpHttp_UnknownContentEncoding_Is415()
    {
        using var response = await PostAsync(Fixtures.Payload("otel-js-traces-http-proto"), "application/x-protobuf", "compress");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task OtlpHttp_GzipJsonFixture_IsStoredAndAnsweredInJson()
    {
        using var response = await PostAsync(Gzip(Fixtures.Payload("otel-js-traces-http-json")), "application/json", "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var traceId = Fixtures.Result("otel-js-traces-http-json").GetProperty("traces").GetProperty("web").GetProperty("traceId").GetString()!;
        using var api = new ApiClient(_server.Api);
        var trace = await api.GetTraceV1Async(traceId);
        Assert.Equal(3, trace.GetProperty("spans").GetArrayLength());
    }

    [Fact]
    public async Task OtlpHttp_SomeInvalidIds_IsPartialSuccessAndKeepsTheRest()
    {
        var good = new OtlpPayload.TestSpan(OtlpPayload.TraceId(), OtlpPayload.SpanId(), [], "good");
        var bad = new OtlpPayload.TestSpan(OtlpPayload.TraceId(), new byte[8], [], "zero span id");
        using var response = await PostAsync(OtlpPayload.Request("partial", [good, bad]), "application/x-protobuf", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(body); // ExportTraceServiceResponse with partial_success (field 1)
        Assert.Equal(0x0A, body[0]);

        using var api = new ApiClient(_server.Api);
        await api.GetTraceV1Async(Convert.ToHexStringLower(good.TraceId));
        var (status, _) = await api.GetAsync($"/api/v1/traces/{Convert.ToHexStringLower(bad.TraceId)}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task OtlpHttp_PartialSuccessInJson_CountsRejectedSpans()
    {
        var goodTrace = Convert.ToHexStringLower(OtlpPayload.TraceId());
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"partial-json"}}]},
              "scopeSpans":[{"spans":[
                {"traceId":"{{{goodTrace}}}","spanId":"0102030405060708","name":"good","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"},
                {"traceId":"00000000000000000000000000000000","spanId":"0102030405060709","name":"bad","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}
              ]}]}]}
            """;
        using var response = await PostAsync(Encoding.UTF8.GetBytes(json), "application/json", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").ToString());
        Assert.False(string.IsNullOrEmpty(partial.GetProperty("errorMessage").GetString()));
    }

    [Fact]
    public async Task OtlpGrpc_GarbageMessage_IsInvalidArgument()
    {
        var (acknowledgedTrace, _) = await ExportValidTraceAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => CallGrpcAsync([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        await AssertServerHealthyAsync(acknowledgedTrace);
    }

    [Fact]
    public async Task OtlpGrpc_MessageOverTheLimit_IsResourceExhausted()
    {
        var (acknowledgedTrace, _) = await ExportValidTraceAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => CallGrpcAsync(new byte[SharedServer.MaxBodyBytes + 1024]));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertServerHealthyAsync(acknowledgedTrace);
    }

    [Fact]
    public async Task OtlpGrpc_GzipCompressedFixture_IsStored()
    {
        var response = await CallGrpcAsync(Fixtures.Payload("otel-dotnet-grpc"), gzip: true);
        Assert.Empty(response); // no partial success
        var traceId = Fixtures.Result("otel-dotnet-grpc").GetProperty("traces").GetProperty("error").GetProperty("traceId").GetString()!;
        using var api = new ApiClient(_server.Api);
        var trace = await api.GetTraceV1Async(traceId);
        Assert.Equal(2, trace.GetProperty("spans").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/traces/not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("/api/traces/0123456789abcdef0123456789abcdef0", HttpStatusCode.BadRequest)]
    [InlineData("/api/traces/00000000000000000000000000abcdef", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/traces/zz", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/traces/0000000000000000000000000000beef", HttpStatusCode.NotFound)]
    [InlineData("/api/traces?service=x&minDuration=fast", HttpStatusCode.BadRequest)]
    [InlineData("/api/traces?service=x&start=yesterday", HttpStatusCode.BadRequest)]
    public async Task QueryApi_BadOrUnknownIds_GetJsonErrors(string path, HttpStatusCode expected)
    {
        using var api = new ApiClient(_server.Api);
        var (status, body) = await api.GetAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
    }

    private async Task<(string TraceId, int Spans)> ExportValidTraceAsync()
    {
        var (payload, traceId) = OtlpPayload.Trace("bad-input-neighbour", 2);
        using var response = await PostAsync(payload, "application/x-protobuf", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (traceId, 2);
    }

    private async Task AssertServerHealthyAsync(string acknowledgedTrace)
    {
        Assert.False(_server.HasExited, "the server died:\n" + _server.Output);
        using var api = new ApiClient(_server.Api);
        var trace = await api.GetTraceV1Async(acknowledgedTrace);
        Assert.Equal(2, trace.GetProperty("spans").GetArrayLength());
        await ExportValidTraceAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? contentEncoding)
    {
        using var http = new HttpClient { BaseAddress = _server.OtlpHttp };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return await http.PostAsync(new Uri("/v1/traces", UriKind.Relative), content);
    }

    private async Task<byte[]> CallGrpcAsync(byte[] message, bool gzip = false)
    {
        using var channel = GrpcChannel.ForAddress(_server.OtlpGrpc, new GrpcChannelOptions { MaxSendMessageSize = null });
        var headers = new Metadata();
        if (gzip)
        {
            headers.Add("grpc-internal-encoding-request", "gzip");
        }

        return await channel.CreateCallInvoker().AsyncUnaryCall(ExportMethod, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), message);
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
}
