using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Jaeger.Http;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin.Http;

/// <summary>
/// Zipkin's collector API: <c>POST /api/v2/spans</c> (JSON, or proto3 with <c>application/x-protobuf</c>)
/// and <c>POST /api/v1/spans</c> (JSON), optionally compressed. 202 once durable (as Zipkin answers),
/// 400 undecodable, 413 too large, 415 another media type, 429 / 503 with Retry-After.
/// </summary>
internal static partial class ZipkinHttpEndpoint
{
    public static Task HandleV2Async(HttpContext context, ZipkinIntakeService service, ILogger<ZipkinIntakeService> logger) =>
        HandleAsync(context, service, logger, version: 2);

    public static Task HandleV1Async(HttpContext context, ZipkinIntakeService service, ILogger<ZipkinIntakeService> logger) =>
        HandleAsync(context, service, logger, version: 1);

    private static async Task HandleAsync(HttpContext context, ZipkinIntakeService service, ILogger logger, int version)
    {
        var mediaType = TracerRequestBody.MediaType(context.Request.ContentType);
        var protobuf = mediaType is "application/x-protobuf" or "application/protobuf";
        if (!(mediaType is "" or "application/json" or "text/json" || (protobuf && version == 2)))
        {
            var supported = version == 2 ? "application/json or application/x-protobuf" : "application/json";
            await TracerRequestBody.WritePlainAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"unsupported Content-Type '{context.Request.ContentType}': use {supported}").ConfigureAwait(false);
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
            var mapper = ZipkinSpanMapper.ForNow();
            batch = protobuf ? ZipkinProtobufDecoder.Decode(body.Bytes, mapper)
                : version == 2 ? ZipkinJsonV2Decoder.Decode(body.Bytes, mapper)
                : ZipkinJsonV1Decoder.Decode(body.Bytes, mapper);
        }
        catch (ZipkinDecodeException ex)
        {
            Log.MalformedRequest(logger, context.Request.Path.Value ?? string.Empty, ex.Message);
            await TracerRequestBody.WritePlainAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }
        finally
        {
            body.Dispose();
        }

        if (batch.Count == 0 && batch.RejectedSpans > 0)
        {
            await TracerRequestBody.WritePlainAsync(context, StatusCodes.Status400BadRequest, batch.RejectionMessage).ConfigureAwait(false);
            return;
        }

        await JaegerHttpEndpoint.WriteResultAsync(context, await service.SubmitAsync(batch, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, Level = LogLevel.Debug, Message = "Rejected a malformed Zipkin request to {Path}: {Reason}")]
        public static partial void MalformedRequest(ILogger logger, string path, string reason);
    }
}
