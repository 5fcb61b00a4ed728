using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Http;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp.Http;

/// <summary>
/// The OTLP/HTTP export handling every signal shares (<c>POST /v1/traces</c>, <c>/v1/logs</c>):
/// content type and encoding checks, bounded body reading and decompression, decoding, the hand-off
/// and the answer. Status codes follow the OTLP/HTTP spec: 200 with partial success, 400 bad data
/// (not retried), 413 too large, 415 unsupported media type or encoding, 429/503 retryable with Retry-After.
/// </summary>
internal static partial class OtlpHttpExportEndpoint
{
    private const int InvalidArgument = 3;
    private const int ResourceExhausted = 8;
    private const int Unavailable = 14;

    public static async Task HandleAsync<TBatch>(HttpContext context, OtlpHttpSignal<TBatch> signal, long limit, ILogger logger)
    {
        var request = context.Request;
        if (!OtlpPayloadFormats.TryFromContentType(request.ContentType, out var format))
        {
            await WritePlainAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"unsupported Content-Type '{request.ContentType}': use {OtlpPayloadFormats.ProtobufMediaType} or {OtlpPayloadFormats.JsonMediaType}").ConfigureAwait(false);
            return;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        if (!RequestBody.IsSupportedEncoding(encoding))
        {
            await WritePlainAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"unsupported Content-Encoding '{encoding}': use gzip, deflate, br or none").ConfigureAwait(false);
            return;
        }

        TBatch batch;
        var reader = request.BodyReader;
        try
        {
            var body = await RequestBody.ReadToEndAsync(reader, limit, context.RequestAborted).ConfigureAwait(false);
            try
            {
                if (RequestBody.NeedsDecompression(encoding))
                {
                    using var inflated = RequestBody.Decompress(body.Buffer, encoding, limit);
                    batch = signal.Decode(format, new ReadOnlySequence<byte>(inflated.Memory));
                }
                else
                {
                    batch = signal.Decode(format, body.Buffer);
                }
            }
            finally
            {
                reader.AdvanceTo(body.Buffer.End);
            }
        }
        catch (RequestBodyTooLargeException ex)
        {
            await WriteStatusAsync(context, format, StatusCodes.Status413PayloadTooLarge, ResourceExhausted, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limit (MaxRequestBodySize) or a broken chunked encoding.
            await WriteStatusAsync(context, format, ex.StatusCode, InvalidArgument, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (InvalidDataException ex)
        {
            await WriteStatusAsync(context, format, StatusCodes.Status400BadRequest, InvalidArgument, $"the body is not valid {encoding}: {ex.Message}").ConfigureAwait(false);
            return;
        }
        catch (OtlpDecodeException ex)
        {
            Log.MalformedRequest(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", ex.Message);
            await WriteStatusAsync(context, format, StatusCodes.Status400BadRequest, InvalidArgument, ex.Message).ConfigureAwait(false);
            return;
        }

        var outcome = await signal.Export(batch, context.RequestAborted).ConfigureAwait(false);
        if (outcome.NothingAccepted)
        {
            await WriteStatusAsync(context, format, StatusCodes.Status400BadRequest, InvalidArgument,
                $"all {outcome.Rejected} {signal.ItemName} were rejected: {outcome.RejectionMessage}").ConfigureAwait(false);
            return;
        }

        switch (outcome.Result)
        {
            case ExportResult.Success:
                await WriteExportResponseAsync(context, format, signal.JsonRejectedField, outcome).ConfigureAwait(false);
                break;
            case ExportResult.Overloaded:
                context.Response.Headers.RetryAfter = "1";
                await WriteStatusAsync(context, format, StatusCodes.Status429TooManyRequests, ResourceExhausted, "the write queue is full; retry later").ConfigureAwait(false);
                break;
            default:
                context.Response.Headers.RetryAfter = "5";
                await WriteStatusAsync(context, format, StatusCodes.Status503ServiceUnavailable, Unavailable, "the server is shutting down; retry later").ConfigureAwait(false);
                break;
        }
    }

    private static Task WriteExportResponseAsync(HttpContext context, OtlpPayloadFormat format, string jsonRejectedField, OtlpExportOutcome outcome)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        if (format == OtlpPayloadFormat.Protobuf)
        {
            OtlpProtobufResponseWriter.WriteExportResponse(buffer, outcome.Rejected, outcome.RejectionMessage);
        }
        else
        {
            OtlpJsonResponseWriter.WriteExportResponse(buffer, jsonRejectedField, outcome.Rejected, outcome.RejectionMessage);
        }

        return WriteBodyAsync(context, StatusCodes.Status200OK, format, buffer);
    }

    private static Task WriteStatusAsync(HttpContext context, OtlpPayloadFormat format, int httpStatus, int rpcCode, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        if (format == OtlpPayloadFormat.Protobuf)
        {
            OtlpProtobufResponseWriter.WriteStatus(buffer, rpcCode, message);
        }
        else
        {
            OtlpJsonResponseWriter.WriteStatus(buffer, rpcCode, message);
        }

        return WriteBodyAsync(context, httpStatus, format, buffer);
    }

    private static async Task WriteBodyAsync(HttpContext context, int httpStatus, OtlpPayloadFormat format, ArrayBufferWriter<byte> body)
    {
        var response = context.Response;
        response.StatusCode = httpStatus;
        response.ContentType = format == OtlpPayloadFormat.Protobuf ? OtlpPayloadFormats.ProtobufMediaType : OtlpPayloadFormats.JsonMediaType;
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WritePlainAsync(HttpContext context, int httpStatus, string message)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Rejected a malformed OTLP/HTTP request from {Remote}: {Reason}")]
        public static partial void MalformedRequest(ILogger logger, string remote, string reason);
    }
}
