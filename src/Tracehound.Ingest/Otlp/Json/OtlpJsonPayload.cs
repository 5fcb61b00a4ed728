using System.Buffers;
using System.Text.Json;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>
/// Runs one OTLP/JSON request reader over a payload and turns every way <see cref="Utf8JsonReader"/>
/// reports malformed input into an <see cref="OtlpDecodeException"/> with the reason (shared by the
/// trace and logs decoders).
/// </summary>
internal static class OtlpJsonPayload
{
    public delegate void ReadRequest<in TBatch>(ref OtlpJsonTraceReader reader, TBatch batch);

    /// <summary>Throws <see cref="OtlpDecodeException"/> when the payload is malformed.</summary>
    public static TBatch Decode<TBatch>(ReadOnlySequence<byte> payload, TBatch batch, ReadRequest<TBatch> read)
    {
        var reader = new OtlpJsonTraceReader(payload);
        try
        {
            read(ref reader, batch);
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
