using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Http;

/// <summary><c>POST /v1/traces</c>: the HTTP adapter over <see cref="OtlpTraceService"/>.</summary>
internal static class OtlpHttpTraceEndpoint
{
    public static Task HandleAsync(HttpContext context, OtlpTraceService service, IOptions<OtlpHttpOptions> options, ILogger<OtlpTraceService> logger) =>
        OtlpHttpExportEndpoint.HandleAsync(context, new OtlpHttpSignal<SpanBatch>("spans", "rejectedSpans", Decode, service.ExportAsync), options.Value.MaxBodyBytes, logger);

    private static SpanBatch Decode(OtlpPayloadFormat format, ReadOnlySequence<byte> payload) =>
        format == OtlpPayloadFormat.Protobuf ? OtlpProtobufTraceDecoder.Decode(payload) : OtlpJsonTraceDecoder.Decode(payload);
}
