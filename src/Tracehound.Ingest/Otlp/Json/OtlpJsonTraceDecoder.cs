using System.Buffers;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Decodes an OTLP/JSON <c>ExportTraceServiceRequest</c> straight into the span model.</summary>
internal static class OtlpJsonTraceDecoder
{
    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static SpanBatch Decode(ReadOnlySequence<byte> payload) =>
        OtlpJsonPayload.Decode(payload, new SpanBatch(), static (ref OtlpJsonTraceReader reader, SpanBatch batch) => reader.ReadRequest(batch));
}
