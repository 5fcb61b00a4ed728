using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;

namespace Tracehound.EndToEnd.Tests.Logs;

/// <summary>Sends raw OTLP logs requests: gRPC <c>LogsService/Export</c> and <c>POST /v1/logs</c>.</summary>
internal static class OtlpLogsClient
{
    private static readonly Method<byte[], byte[]> ExportMethod = new(
        MethodType.Unary,
        "opentelemetry.proto.collector.logs.v1.LogsService",
        "Export",
        Marshallers.Create(static b => b, static b => b),
        Marshallers.Create(static b => b, static b => b));

    public static async Task<byte[]> ExportGrpcAsync(Uri server, byte[] message, bool gzip = false)
    {
        using var channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions { MaxSendMessageSize = null });
        var headers = new Metadata();
        if (gzip)
        {
            headers.Add("grpc-internal-encoding-request", "gzip");
        }

        return await channel.CreateCallInvoker().AsyncUnaryCall(ExportMethod, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), message);
    }

    public static async Task<(System.Net.HttpStatusCode Status, string Body)> PostHttpAsync(Uri server, byte[] body, string contentType, string? contentEncoding = null)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        using var response = await http.PostAsync(new Uri("/v1/logs", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
