using System.Buffers;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>Decodes an OTLP <c>ExportTraceServiceRequest</c> (protobuf) straight into the span model.</summary>
internal static class OtlpProtobufTraceDecoder
{
    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static SpanBatch Decode(ReadOnlySequence<byte> payload) => throw new NotImplementedException();
}
