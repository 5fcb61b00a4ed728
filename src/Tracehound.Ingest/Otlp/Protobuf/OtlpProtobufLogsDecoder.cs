using System.Buffers;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>Decodes an OTLP <c>ExportLogsServiceRequest</c> (protobuf) straight into the log model.</summary>
internal static class OtlpProtobufLogsDecoder
{
    /// <summary>Refuse payloads larger than this before copying them (the trace decoder's cap).</summary>
    public const long MaxPayloadBytes = OtlpProtobufTraceDecoder.MaxPayloadBytes;

    // Reusable scratch space per thread, as for traces: a decode never calls out, so it never nests.
    [ThreadStatic]
    private static OtlpLogsMessageDecoder? t_decoder;

    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static LogBatch Decode(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new OtlpDecodeException($"payload of {payload.Length} bytes is over the {MaxPayloadBytes}-byte limit");
        }

        var decoder = t_decoder ??= new OtlpLogsMessageDecoder(Utf8StringCache.Names, Utf8StringCache.Values);
        if (payload.IsSingleSegment)
        {
            return decoder.Decode(payload.FirstSpan);
        }

        // Several segments: one copy into a pooled buffer keeps the reader a plain span walker.
        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return decoder.Decode(buffer.AsSpan(0, length));
        }
        finally
        {
            // Decoded strings and bytes are copies, so nothing points into the buffer.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
