using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.Ingest.Datadog.Stats;
using Tracehound.Ingest.Http;
using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Datadog.Http;

/// <summary>
/// The HTTP adapter of the Datadog agent API over <see cref="DatadogIntakeService"/>. Any method is
/// accepted (tracers use PUT and POST). Decoding errors → 400 with the reason, bodies over 25 MiB
/// → 413, a full store queue → 429, shutting down → 503; 200 only once the spans are durable.
/// </summary>
internal static partial class DatadogTraceEndpoint
{
    private static int s_proxyLogged;

    public static Task HandleV03Async(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger) =>
        HandleTracesAsync(context, service, logger, "v0.3");

    public static Task HandleV04Async(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger) =>
        HandleTracesAsync(context, service, logger, "v0.4");

    public static Task HandleV05Async(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger) =>
        HandleTracesAsync(context, service, logger, "v0.5");

    public static Task HandleV07Async(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger) =>
        HandleTracesAsync(context, service, logger, "v0.7");

    public static async Task HandleStatsAsync(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger)
    {
        AddAgentHeaders(context, service);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body.Error is not null)
        {
            await WritePlainAsync(context, body.Status, body.Error).ConfigureAwait(false);
            return;
        }

        try
        {
            service.SubmitStats(DatadogStatsDecoder.Decode(body.Payload));
        }
        catch (DatadogDecodeException ex)
        {
            Log.MalformedRequest(logger, "/v0.6/stats", ex.Message);
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }
        finally
        {
            body.Dispose(context);
        }

        await WritePlainAsync(context, StatusCodes.Status200OK, "OK").ConfigureAwait(false);
    }

    /// <summary><c>/v0.3/services</c>, <c>/v0.4/services</c>: no-op.</summary>
    public static async Task HandleServicesAsync(HttpContext context, DatadogIntakeService service)
    {
        AddAgentHeaders(context, service);
        await DrainAsync(context).ConfigureAwait(false);
        await WritePlainAsync(context, StatusCodes.Status200OK, "OK").ConfigureAwait(false);
    }

    public static Task HandleInfoAsync(HttpContext context, DatadogIntakeService service)
    {
        AddAgentHeaders(context, service);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = service.Info.Body.Length;
        return context.Response.Body.WriteAsync(service.Info.Body, context.RequestAborted).AsTask();
    }

    /// <summary><c>/telemetry/proxy/*</c>, <c>/evp_proxy/*</c>: there is no upstream to forward to; accepted and discarded.</summary>
    public static async Task HandleDiscardedProxyAsync(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger)
    {
        AddAgentHeaders(context, service);
        if (Interlocked.Exchange(ref s_proxyLogged, 1) == 0)
        {
            Log.ProxyDiscarded(logger, context.Request.Path.Value ?? string.Empty);
        }

        await DrainAsync(context).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task HandleTracesAsync(HttpContext context, DatadogIntakeService service, ILogger<DatadogIntakeService> logger, string endpoint)
    {
        AddAgentHeaders(context, service);
        var payload = PayloadFromHeaders(context.Request, endpoint);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body.Error is not null)
        {
            await WritePlainAsync(context, body.Status, body.Error).ConfigureAwait(false);
            return;
        }

        SpanBatch batch;
        try
        {
            batch = Decode(endpoint, context.Request.ContentType, body.Payload, payload);
        }
        catch (DatadogDecodeException ex)
        {
            Log.MalformedRequest(logger, context.Request.Path.Value ?? endpoint, ex.Message);
            await WritePlainAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }
        finally
        {
            body.Dispose(context);
        }

        var result = await service.SubmitTracesAsync(batch, context.RequestAborted).ConfigureAwait(false);
        switch (result)
        {
            case ExportResult.Success:
                await WriteTraceAnswerAsync(context, service, endpoint, StatusCodes.Status200OK).ConfigureAwait(false);
                break;
            case ExportResult.Overloaded:
                context.Response.Headers.RetryAfter = "1";
                await WriteTraceAnswerAsync(context, service, endpoint, StatusCodes.Status429TooManyRequests).ConfigureAwait(false);
                break;
            default:
                context.Response.Headers.RetryAfter = "5";
                await WritePlainAsync(context, StatusCodes.Status503ServiceUnavailable, "the server is shutting down; retry later").ConfigureAwait(false);
                break;
        }
    }

    internal static SpanBatch Decode(string endpoint, string? contentType, ReadOnlySequence<byte> body, DatadogPayloadInfo payload)
    {
        switch (endpoint)
        {
            case "v0.5":
                return DatadogTraceDecoder.DecodeV05(body, payload);
            case "v0.7":
                return DatadogTraceDecoder.DecodeV07(body, payload);
        }

        // v0.3/v0.4: msgpack by media type; JSON when it says JSON or nothing; otherwise JSON, then msgpack.
        var mediaType = MediaType(contentType);
        if (mediaType is "application/msgpack" or "application/x-msgpack")
        {
            return DatadogTraceDecoder.DecodeV04(body, payload);
        }

        if (mediaType is "" or "application/json" or "text/json")
        {
            return DatadogTraceDecoder.DecodeJson(body, payload);
        }

        try
        {
            return DatadogTraceDecoder.DecodeJson(body, payload);
        }
        catch (DatadogDecodeException)
        {
            return DatadogTraceDecoder.DecodeV04(body, payload);
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

    private static DatadogPayloadInfo PayloadFromHeaders(HttpRequest request, string endpoint)
    {
        var headers = request.Headers;
        var container = headers["Datadog-Container-ID"].ToString();
        if (container.Length == 0)
        {
            var entity = headers["Datadog-Entity-ID"].ToString();
            if (entity.StartsWith("cid-", StringComparison.Ordinal))
            {
                container = entity[4..];
            }
        }

        return new DatadogPayloadInfo
        {
            Endpoint = endpoint,
            LanguageName = headers["Datadog-Meta-Lang"].ToString(),
            LanguageVersion = headers["Datadog-Meta-Lang-Version"].ToString(),
            TracerVersion = headers["Datadog-Meta-Tracer-Version"].ToString(),
            ContainerId = container,
            ClientComputedTopLevel = headers["Datadog-Client-Computed-Top-Level"].ToString().Length > 0,
            ClientComputedStats = headers["Datadog-Client-Computed-Stats"].ToString().Length > 0,
        };
    }

    private static void AddAgentHeaders(HttpContext context, DatadogIntakeService service)
    {
        context.Response.Headers["Datadog-Agent-Version"] = DatadogInfoDocument.AgentVersion;
        context.Response.Headers["Datadog-Agent-State"] = service.Info.State;
    }

    private static async Task WriteTraceAnswerAsync(HttpContext context, DatadogIntakeService service, string endpoint, int status)
    {
        if (endpoint == "v0.3")
        {
            await WritePlainAsync(context, status, "OK").ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var (version, body) = service.CurrentRates;
        var sentVersion = context.Request.Headers["Datadog-Rates-Payload-Version"].ToString();
        if (sentVersion.Length > 0)
        {
            response.Headers["Datadog-Rates-Payload-Version"] = version;
            if (sentVersion == version)
            {
                body = "{}"u8.ToArray();
            }
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WritePlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    private static async Task DrainAsync(HttpContext context)
    {
        try
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (BadHttpRequestException)
        {
            // Over Kestrel's cap: nothing is kept anyway.
        }
    }

    private static async Task<RequestPayload> ReadBodyAsync(HttpContext context)
    {
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (!RequestBody.IsSupportedEncoding(encoding))
        {
            return RequestPayload.Failed(StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Encoding '{encoding}'");
        }

        var reader = context.Request.BodyReader;
        try
        {
            var result = await RequestBody.ReadToEndAsync(reader, DatadogLimits.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
            if (!RequestBody.NeedsDecompression(encoding))
            {
                return new RequestPayload(result.Buffer, null, true, 0, null);
            }

            try
            {
                var inflated = RequestBody.Decompress(result.Buffer, encoding, DatadogLimits.MaxRequestBytes);
                return new RequestPayload(new ReadOnlySequence<byte>(inflated.Memory), inflated, false, 0, null);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
        catch (RequestBodyTooLargeException ex)
        {
            return RequestPayload.Failed(StatusCodes.Status413PayloadTooLarge, "payload-too-large: " + ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return RequestPayload.Failed(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload-too-large: " + ex.Message : ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return RequestPayload.Failed(StatusCodes.Status400BadRequest, $"the body is not valid {encoding}: {ex.Message}");
        }
    }

    /// <summary>A read body: the bytes to decode, and what must be released after decoding.</summary>
    private readonly record struct RequestPayload(ReadOnlySequence<byte> Payload, PooledByteBuffer? Inflated, bool FromPipe, int Status, string? Error)
    {
        public static RequestPayload Failed(int status, string error) => new(default, null, false, status, error);

        public void Dispose(HttpContext context)
        {
            Inflated?.Dispose();
            if (FromPipe)
            {
                context.Request.BodyReader.AdvanceTo(Payload.End);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Rejected a malformed Datadog request to {Path}: {Reason}")]
        public static partial void MalformedRequest(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Datadog proxy requests (first: {Path}) are accepted and discarded: Tracehound has no upstream to forward them to")]
        public static partial void ProxyDiscarded(ILogger logger, string path);
    }
}
