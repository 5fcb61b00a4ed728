using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Ingest.Zipkin.Http;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Jaeger.Http;

/// <summary>
/// The Jaeger collector's <c>POST /api/traces</c>: one Thrift <c>Batch</c> in the binary protocol.
/// 202 once durable (what the collector answers), 400 undecodable, 413 too large, 415 another media
/// type, 429 / 503 with Retry-After when the store is full or shutting down.
/// </summary>
internal static partial class JaegerHttpEndpoint
{
    public static async Task HandleAsync(HttpContext context, JaegerIntakeService service, ILogger<JaegerIntakeService> logger)
    {
        var mediaType = TracerRequestBody.MediaType(context.Request.ContentType);
        if (mediaType is not ("" or "application/x-thrift" or "application/vnd.apache.thrift.binary"))
        {
            await TracerRequestBody.WritePlainAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"unsupported Content-Type '{context.Request.ContentType}': use application/x-thrift (binary protocol)").ConfigureAwait(false);
            return;
        }

        var (body, status, error) = await TracerRequestBody.ReadAsync(context, service.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await TracerRequestBody.WritePlainAsync(context, status, error).ConfigureAwait(false);
            return;
        }

        SpanBatch batch;
        try
        {
            var reader = new ThriftBinaryReader(body.Bytes.Array!, body.Bytes.Offset, body.Bytes.Count);
            batch = JaegerThriftDecoder.DecodeBatch(reader);
        }
        catch (ThriftDecodeException ex)
        {
            Log.MalformedRequest(logger, ex.Message);
            await TracerRequestBody.WritePlainAsync(context, StatusCodes.Status400BadRequest, "Unable to process request body: " + ex.Message).ConfigureAwait(false);
            return;
        }
        finally
        {
            body.Dispose();
        }

        await WriteResultAsync(context, await service.SubmitAsync(batch, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    internal static Task WriteResultAsync(HttpContext context, ExportResult result)
    {
        switch (result)
        {
            case ExportResult.Success:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return Task.CompletedTask;
            case ExportResult.Overloaded:
                context.Response.Headers.RetryAfter = "1";
                return TracerRequestBody.WritePlainAsync(context, StatusCodes.Status429TooManyRequests, "the store queue is full; retry later");
            default:
                context.Response.Headers.RetryAfter = "5";
                return TracerRequestBody.WritePlainAsync(context, StatusCodes.Status503ServiceUnavailable, "the server is shutting down; retry later");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Rejected a malformed Jaeger request: {Reason}")]
        public static partial void MalformedRequest(ILogger logger, string reason);
    }
}
