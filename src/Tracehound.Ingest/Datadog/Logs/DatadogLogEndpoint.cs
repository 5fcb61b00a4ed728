using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Http;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>
/// <c>POST /api/v2/logs</c>, answering as Datadog's intake does: 202 <c>{}</c> once the logs are
/// durable; 400 malformed, 413 over 5 MB / <c>--max-body-size</c> or over 1000 entries, 415 not
/// JSON or an unknown Content-Encoding, 429 store queue full, 503 shutting down. Errors carry
/// <c>{"errors":[{"status","title","detail"}]}</c>. <c>DD-API-KEY</c> is accepted and not checked.
/// </summary>
internal static partial class DatadogLogEndpoint
{
    public static async Task HandleAsync(HttpContext context, DatadogLogIntakeService service, ILogger<DatadogLogIntakeService> logger)
    {
        var mediaType = MediaType(context.Request.ContentType);
        if (mediaType is not ("" or "application/json" or "text/json") && !mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Type '{context.Request.ContentType}': send application/json").ConfigureAwait(false);
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (!RequestBody.IsSupportedEncoding(encoding))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Encoding '{encoding}': use gzip, deflate, br or none").ConfigureAwait(false);
            return;
        }

        LogBatch batch;
        var reader = context.Request.BodyReader;
        ReadResult read;
        try
        {
            read = await RequestBody.ReadToEndAsync(reader, service.MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
            return;
        }

        PooledByteBuffer? inflated = null;
        var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        try
        {
            var payload = read.Buffer;
            if (RequestBody.NeedsDecompression(encoding))
            {
                inflated = RequestBody.Decompress(payload, encoding, service.MaxPayloadBytes);
                payload = new ReadOnlySequence<byte>(inflated.Memory);
            }

            batch = DatadogLogDecoder.Decode(payload, context.Request.Query["ddtags"].ToString(), received);
        }
        catch (RequestBodyTooLargeException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (InvalidDataException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"the body is not valid {encoding}: {ex.Message}").ConfigureAwait(false);
            return;
        }
        catch (DatadogDecodeException ex)
        {
            Log.MalformedRequest(logger, ex.Message);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }
        finally
        {
            inflated?.Dispose();
            reader.AdvanceTo(read.Buffer.End);
        }

        var result = await service.SubmitAsync(batch, context.RequestAborted).ConfigureAwait(false);
        switch (result)
        {
            case ExportResult.Success:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 2;
                await context.Response.Body.WriteAsync("{}"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
                break;
            case ExportResult.Overloaded:
                context.Response.Headers.RetryAfter = "1";
                await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "the log store queue is full; retry later").ConfigureAwait(false);
                break;
            default:
                context.Response.Headers.RetryAfter = "5";
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "the server is shutting down; retry later").ConfigureAwait(false);
                break;
        }
    }

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return string.Empty;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>The JSON:API error document Datadog's v2 APIs answer with.</summary>
    private static async Task WriteErrorAsync(HttpContext context, int status, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Rejected a malformed Datadog log request: {Reason}")]
        public static partial void MalformedRequest(ILogger logger, string reason);
    }
}
