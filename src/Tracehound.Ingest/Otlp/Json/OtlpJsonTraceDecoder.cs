using System.Buffers;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Decodes an OTLP/JSON <c>ExportTraceServiceRequest</c> straight into the span model.</summary>
internal static class OtlpJsonTraceDecoder
{
    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static SpanBatch Decode(ReadOnlySequence<byte> payload)
    {
        var batch = new SpanBatch();
        var reader = new OtlpJsonTraceReader(payload);
        try
        {
            reader.ReadRequest(batch);
        }
        catch (JsonException ex)
        {
            // The reader's message names the line and byte position; keep it for the client.
            throw new OtlpDecodeException($"Malformed OTLP/JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports strings that are not valid UTF-8 this way when they are decoded.
            throw new OtlpDecodeException($"Malformed OTLP/JSON: {ex.Message}", ex);
        }
        catch (IndexOutOfRangeException ex)
        {
            // Utf8JsonReader (.NET 10) throws this instead of a JsonException for a true/false/null
            // literal cut off at the end of a multi-segment input (dotnet/runtime PR #134448).
            throw new OtlpDecodeException("Malformed OTLP/JSON: the payload ends inside a literal", ex);
        }

        return batch;
    }
}
