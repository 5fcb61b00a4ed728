using System.Buffers;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>Decodes an OTLP <c>ExportTraceServiceRequest</c> (protobuf) straight into the span model.</summary>
internal static class OtlpProtobufTraceDecoder
{
    /// <summary>Refuse payloads larger than this before copying them (256 MiB, OTel .NET's own buffer cap).</summary>
    public const long MaxPayloadBytes = 256L * 1024 * 1024;

    // The decoder keeps reusable scratch space, so each thread gets its own; decoding never calls
    // out, so one thread can never be inside two decodes at once.
    [ThreadStatic]
    private static OtlpTraceMessageDecoder? t_decoder;

    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static SpanBatch Decode(ReadOnlySequence<byte> payload) =>
        Decode(payload, t_decoder ??= new OtlpTraceMessageDecoder(Utf8StringCache.Names, Utf8StringCache.Values));

    /// <summary>Decodes with a given decoder (benchmarks compare decoders with and without string caches).</summary>
    internal static SpanBatch Decode(ReadOnlySequence<byte> payload, OtlpTraceMessageDecoder decoder)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new OtlpDecodeException($"payload of {payload.Length} bytes is over the {MaxPayloadBytes}-byte limit");
        }

        if (payload.IsSingleSegment)
        {
            return decoder.Decode(payload.FirstSpan);
        }

        // gRPC and Kestrel hand big messages over as several segments. Copying them once into one
        // pooled buffer costs a memcpy (tens of GB/s, ~40x cheaper than parsing), and lets the reader
        // stay a simple span walker instead of handling fields split across segment boundaries.
        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return decoder.Decode(buffer.AsSpan(0, length));
        }
        finally
        {
            // Nothing decoded points into the buffer (strings and bytes are copies), so it can go back now.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
