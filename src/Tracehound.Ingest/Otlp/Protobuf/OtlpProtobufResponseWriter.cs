using System.Buffers;
using System.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>Writes OTLP responses in protobuf.</summary>
internal static class OtlpProtobufResponseWriter
{
    private const byte PartialSuccessTag = (1 << 3) | 2;
    private const byte RejectedSpansTag = (1 << 3) | 0;
    private const byte ErrorMessageTag = (2 << 3) | 2;
    private const byte StatusCodeTag = (1 << 3) | 0;
    private const byte StatusMessageTag = (2 << 3) | 2;

    /// <summary>ExportTraceServiceResponse; partial_success only when something was rejected.</summary>
    public static void WriteExportTraceResponse(IBufferWriter<byte> output, long rejectedSpans, string errorMessage) =>
        WriteExportResponse(output, rejectedSpans, errorMessage);

    /// <summary>
    /// An Export*ServiceResponse of any signal: they all hold partial_success = 1 with the rejected
    /// count as field 1 (rejected_spans, rejected_log_records) and error_message as field 2.
    /// </summary>
    public static void WriteExportResponse(IBufferWriter<byte> output, long rejectedSpans, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(output);
        errorMessage ??= string.Empty;
        if (rejectedSpans == 0 && errorMessage.Length == 0)
        {
            // An empty message is zero bytes.
            return;
        }

        var partialSuccessLength = 0;
        if (rejectedSpans != 0)
        {
            partialSuccessLength += 1 + VarintLength((ulong)rejectedSpans);
        }

        var messageBytes = Encoding.UTF8.GetByteCount(errorMessage);
        if (messageBytes > 0)
        {
            partialSuccessLength += 1 + VarintLength((ulong)messageBytes) + messageBytes;
        }

        var total = 1 + VarintLength((ulong)partialSuccessLength) + partialSuccessLength;
        var destination = output.GetSpan(total);
        var position = 0;
        destination[position++] = PartialSuccessTag;
        position += WriteVarint(destination[position..], (ulong)partialSuccessLength);
        if (rejectedSpans != 0)
        {
            destination[position++] = RejectedSpansTag;
            position += WriteVarint(destination[position..], (ulong)rejectedSpans);
        }

        if (messageBytes > 0)
        {
            destination[position++] = ErrorMessageTag;
            position += WriteVarint(destination[position..], (ulong)messageBytes);
            position += Encoding.UTF8.GetBytes(errorMessage, destination[position..]);
        }

        output.Advance(position);
    }

    /// <summary>google.rpc.Status (code, message), the body of an OTLP/HTTP error.</summary>
    public static void WriteStatus(IBufferWriter<byte> output, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        message ??= string.Empty;
        var messageBytes = Encoding.UTF8.GetByteCount(message);

        // int32 is sign-extended to 64 bits on the wire (a negative code takes 10 bytes).
        var codeBits = (ulong)(long)code;
        var total = (code != 0 ? 1 + VarintLength(codeBits) : 0)
            + (messageBytes > 0 ? 1 + VarintLength((ulong)messageBytes) + messageBytes : 0);
        if (total == 0)
        {
            return;
        }

        var destination = output.GetSpan(total);
        var position = 0;
        if (code != 0)
        {
            destination[position++] = StatusCodeTag;
            position += WriteVarint(destination[position..], codeBits);
        }

        if (messageBytes > 0)
        {
            destination[position++] = StatusMessageTag;
            position += WriteVarint(destination[position..], (ulong)messageBytes);
            position += Encoding.UTF8.GetBytes(message, destination[position..]);
        }

        output.Advance(position);
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var position = 0;
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
        return position;
    }
}
