using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Writes OTLP responses in OTLP/JSON.</summary>
internal static class OtlpJsonResponseWriter
{
    /// <summary>
    /// ExportTraceServiceResponse: <c>{}</c>, or <c>{"partialSuccess":{...}}</c> when something was
    /// rejected (or there is a message: OTLP lets a server send a warning with 0 rejected).
    /// Proto3 JSON writes int64 as a string and leaves out fields that hold their default.
    /// </summary>
    public static void WriteExportTraceResponse(IBufferWriter<byte> output, long rejectedSpans, string errorMessage) =>
        WriteExportResponse(output, "rejectedSpans", rejectedSpans, errorMessage);

    /// <summary>
    /// An Export*ServiceResponse of any signal; <paramref name="rejectedField"/> is the signal's
    /// count field in JSON (<c>rejectedSpans</c>, <c>rejectedLogRecords</c>).
    /// </summary>
    public static void WriteExportResponse(IBufferWriter<byte> output, string rejectedField, long rejectedSpans, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (rejectedSpans == 0 && string.IsNullOrEmpty(errorMessage))
        {
            output.Write("{}"u8);
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteStartObject("partialSuccess"u8);
        if (rejectedSpans != 0)
        {
            Span<byte> digits = stackalloc byte[20];
            rejectedSpans.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
            writer.WriteString(rejectedField, digits[..length]);
        }

        if (!string.IsNullOrEmpty(errorMessage))
        {
            writer.WriteString("errorMessage"u8, errorMessage);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>google.rpc.Status as JSON (<c>{"code":3,"message":"..."}</c>), the body of an OTLP/HTTP error.</summary>
    public static void WriteStatus(IBufferWriter<byte> output, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message ?? string.Empty);
        writer.WriteEndObject();
    }
}
