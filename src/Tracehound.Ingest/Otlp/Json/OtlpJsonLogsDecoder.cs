using System.Buffers;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Decodes an OTLP/JSON <c>ExportLogsServiceRequest</c> straight into the log model.</summary>
internal static class OtlpJsonLogsDecoder
{
    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static LogBatch Decode(ReadOnlySequence<byte> payload)
    {
        var batch = new LogBatch();
        var reader = new OtlpJsonTraceReader(payload);
        try
        {
            reader.ReadLogsRequest(batch);
        }
        catch (JsonException ex)
        {
            throw new OtlpDecodeException($"Malformed OTLP/JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports strings that are not valid UTF-8 this way when they are decoded.
            throw new OtlpDecodeException($"Malformed OTLP/JSON: {ex.Message}", ex);
        }
        catch (IndexOutOfRangeException ex)
        {
            // Utf8JsonReader (.NET 10) throws this for a literal cut off at the end of a multi-segment input.
            throw new OtlpDecodeException("Malformed OTLP/JSON: the payload ends inside a literal", ex);
        }

        return batch;
    }
}
