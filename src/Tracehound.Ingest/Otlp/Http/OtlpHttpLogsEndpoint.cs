using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Http;

/// <summary><c>POST /v1/logs</c>: the HTTP adapter over <see cref="OtlpLogsService"/>; 404 when the listener has no log service.</summary>
internal static class OtlpHttpLogsEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var service = context.RequestServices.GetService<OtlpLogsService>();
        if (service is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<OtlpHttpOptions>>();
        var logger = context.RequestServices.GetRequiredService<ILogger<OtlpLogsService>>();
        return OtlpHttpExportEndpoint.HandleAsync(context, new OtlpHttpSignal<LogBatch>("log records", "rejectedLogRecords", Decode, service.ExportAsync), options.Value.MaxBodyBytes, logger);
    }

    private static LogBatch Decode(OtlpPayloadFormat format, ReadOnlySequence<byte> payload) =>
        format == OtlpPayloadFormat.Protobuf ? OtlpProtobufLogsDecoder.Decode(payload) : OtlpJsonLogsDecoder.Decode(payload);
}
