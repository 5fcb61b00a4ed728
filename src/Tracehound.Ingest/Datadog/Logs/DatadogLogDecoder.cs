using System.Buffers;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>Decodes a Datadog log intake payload into a <see cref="LogBatch"/> (see <see cref="DatadogJsonLogReader"/>).</summary>
internal static class DatadogLogDecoder
{
    /// <param name="payload">The uncompressed body.</param>
    /// <param name="requestTags">The <c>ddtags</c> query parameter (<c>k:v,k2:v2</c>), added to every log; may be empty.</param>
    /// <param name="receivedUnixNano">The intake time: the observed time, and the time of logs that carry none.</param>
    public static LogBatch Decode(ReadOnlySequence<byte> payload, string? requestTags, long receivedUnixNano)
    {
        KeyValue[] tags = [];
        if (!string.IsNullOrEmpty(requestTags))
        {
            var list = new List<KeyValue>();
            DatadogJsonLogReader.AddTags(list, requestTags);
            tags = [.. list];
        }

        if (IsBlank(payload))
        {
            throw new DatadogDecodeException("the body is empty: send a JSON object or an array of objects");
        }

        var batch = new LogBatch();
        try
        {
            var reader = new DatadogJsonLogReader(payload, tags, receivedUnixNano);
            reader.ReadPayload(batch);
        }
        catch (JsonException ex) when (ex.Message.Contains("depth to be zero", StringComparison.Ordinal))
        {
            // Utf8JsonReader's words for input that stops inside an object or array.
            throw new DatadogDecodeException("the JSON ends early (truncated body): " + ex.Message, ex);
        }
        catch (JsonException ex)
        {
            throw new DatadogDecodeException("malformed JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on text that is not valid UTF-8.
            throw new DatadogDecodeException("invalid string: " + ex.Message, ex);
        }

        return batch;
    }

    private static bool IsBlank(ReadOnlySequence<byte> payload)
    {
        foreach (var segment in payload)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
