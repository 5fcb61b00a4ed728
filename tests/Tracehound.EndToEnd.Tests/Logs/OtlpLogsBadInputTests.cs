using System.IO.Compression;
using System.Net;
using System.Text;
using Grpc.Core;
using Tracehound.EndToEnd.Tests.Infrastructure;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>Bad input on <c>POST /v1/logs</c> and gRPC <c>LogsService/Export</c>: a clear error with the reason, and the server stays up.</summary>
public sealed class OtlpLogsBadInputTests : IClassFixture<SharedServer>
{
    private readonly TracehoundProcess _server;

    public OtlpLogsBadInputTests(SharedServer shared)
    {
        _server = shared.Server;
    }

    public static TheoryData<string, string, string?, byte[], HttpStatusCode> HttpCases()
    {
        var proto = Fixtures.Payload("otel-js-logs-http-proto");
        var json = Fixtures.Payload("otel-js-logs-http-json");
        return new TheoryData<string, string, string?, byte[], HttpStatusCode>
        {
            { "garbage protobuf", "application/x-protobuf", null, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A], HttpStatusCode.BadRequest },
            { "truncated protobuf", "application/x-protobuf", null, proto[..(proto.Length / 2)], HttpStatusCode.BadRequest },
            { "malformed JSON", "application/json", null, Encoding.UTF8.GetBytes("{\"resourceLogs\": [ {\"scopeLogs\": "), HttpStatusCode.BadRequest },
            { "truncated JSON", "application/json", null, json[..(json.Length - 10)], HttpStatusCode.BadRequest },
            { "JSON of the wrong shape", "application/json", null, Encoding.UTF8.GetBytes("{\"resourceLogs\": {\"a\": 1}}"), HttpStatusCode.BadRequest },
            { "wrong content type", "text/plain", null, proto, HttpStatusCode.UnsupportedMediaType },
            { "unknown encoding", "application/x-protobuf", "zstd", proto, HttpStatusCode.UnsupportedMediaType },
            { "not really gzip", "application/x-protobuf", "gzip", proto, HttpStatusCode.BadRequest },
            { "body over the limit", "application/x-protobuf", null, new byte[SharedServer.MaxBodyBytes + 1024], HttpStatusCode.RequestEntityTooLarge },
            { "gzip bomb over the limit", "application/x-protobuf", "gzip", Gzip(new byte[SharedServer.MaxBodyBytes * 4]), HttpStatusCode.RequestEntityTooLarge },
        };
    }

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task PostLogs_BadInput_GetsClearErrorAndServerStaysUp(string name, string contentType, string? encoding, byte[] body, HttpStatusCode expected)
    {
        var (status, reason) = await OtlpLogsClient.PostHttpAsync(_server.OtlpHttp, body, contentType, encoding);

        Assert.True(expected == status, $"{name}: {(int)status} {reason}");
        Assert.False(string.IsNullOrWhiteSpace(reason), name);
        await AssertStillAcceptsLogsAsync();
    }

    [Theory]
    [InlineData("application/x-protobuf", null)]
    [InlineData("application/json", null)]
    [InlineData("application/x-protobuf", "gzip")]
    [InlineData("application/json", "deflate")]
    [InlineData("application/x-protobuf", "br")]
    public async Task PostLogs_EveryEncoding_IsAccepted(string contentType, string? encoding)
    {
        var body = Fixtures.Payload(contentType == "application/json" ? "otel-js-logs-http-json" : "otel-js-logs-http-proto");
        body = encoding switch
        {
            "gzip" => Gzip(body),
            "deflate" => Compress(body, s => new ZLibStream(s, CompressionLevel.Fastest)),
            "br" => Compress(body, s => new BrotliStream(s, CompressionLevel.Fastest)),
            _ => body,
        };

        var (status, response) = await OtlpLogsClient.PostHttpAsync(_server.OtlpHttp, body, contentType, encoding);

        Assert.True(status == HttpStatusCode.OK, response);
        Assert.Equal(contentType == "application/json" ? "{}" : string.Empty, response);
    }

    [Fact]
    public async Task GrpcLogs_Garbage_IsInvalidArgumentWithReason()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OtlpLogsClient.ExportGrpcAsync(_server.OtlpGrpc, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        await AssertStillAcceptsLogsAsync();
    }

    [Fact]
    public async Task GrpcLogs_Truncated_IsInvalidArgument()
    {
        var fixture = Fixtures.Payload("otel-js-logs-grpc");

        var error = await Assert.ThrowsAsync<RpcException>(() => OtlpLogsClient.ExportGrpcAsync(_server.OtlpGrpc, fixture[..(fixture.Length - 7)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task GrpcLogs_OverTheLimit_IsResourceExhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OtlpLogsClient.ExportGrpcAsync(_server.OtlpGrpc, new byte[SharedServer.MaxBodyBytes + 1024]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertStillAcceptsLogsAsync();
    }

    [Fact]
    public async Task GrpcLogs_GzipCompressedFixture_IsAccepted()
    {
        var response = await OtlpLogsClient.ExportGrpcAsync(_server.OtlpGrpc, Fixtures.Payload("otel-js-logs-grpc"), gzip: true);

        Assert.Empty(response);
    }

    [Theory]
    [InlineData("/api/v1/logs?limit=0")]
    [InlineData("/api/v1/logs?from=yesterday")]
    [InlineData("/api/v1/logs?query=status:loud")]
    [InlineData("/api/v1/logs?query=colour:red")]
    [InlineData("/api/v1/logs?query=trace_id:xyz")]
    [InlineData("/api/v1/logs?query=%22open")]
    [InlineData("/api/v1/traces/not-hex/logs")]
    public async Task LogQuery_BadParameter_Is400WithReason(string path)
    {
        using var api = new ApiClient(_server.Api);

        var (status, body) = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    private async Task AssertStillAcceptsLogsAsync()
    {
        var (status, body) = await OtlpLogsClient.PostHttpAsync(_server.OtlpHttp, Fixtures.Payload("otel-js-logs-http-proto"), "application/x-protobuf");
        Assert.True(status == HttpStatusCode.OK, body);
    }

    private static byte[] Gzip(byte[] data) => Compress(data, s => new GZipStream(s, CompressionLevel.Fastest));

    private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }
}
