using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>
/// Zipkin's legacy <c>POST /api/v1/spans</c> JSON. Each v1 span is converted to the v2 shape first,
/// as Zipkin's own V1SpanConverter does: the core annotations (cs/cr, sr/ss, ms, mr) give the kind,
/// timing and local endpoint, the address binary annotations (ca/sa/ma) the remote endpoint, other
/// binary annotations become tags; a span with both client and server annotations splits into a
/// client span and a shared server span.
/// </summary>
internal static class ZipkinJsonV1Decoder
{
    public static SpanBatch Decode(ReadOnlySpan<byte> json, ZipkinSpanMapper mapper) =>
        ZipkinJson.ReadSpanList(json, "a v1 span list", mapper, static (ref Utf8JsonReader reader, SpanBatch batch, ZipkinSpanMapper m) =>
        {
            foreach (var draft in ReadSpan(ref reader).ToV2())
            {
                m.Add(batch, draft);
            }
        });

    private static ZipkinV1Span ReadSpan(ref Utf8JsonReader reader)
    {
        var span = new ZipkinV1Span();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            ZipkinJson.ReadValue(ref reader);
            if (name.SequenceEqual("traceId"u8))
            {
                span.TraceId = ZipkinJson.ReadTraceId(ref reader);
            }
            else if (name.SequenceEqual("traceIdHigh"u8))
            {
                span.TraceIdHigh = ZipkinJson.ReadSpanId(ref reader, "traceIdHigh");
            }
            else if (name.SequenceEqual("id"u8))
            {
                span.Id = ZipkinJson.ReadSpanId(ref reader, "id");
            }
            else if (name.SequenceEqual("parentId"u8))
            {
                span.ParentId = ZipkinJson.ReadSpanId(ref reader, "parentId");
            }
            else if (name.SequenceEqual("name"u8))
            {
                span.Name = ZipkinJson.ReadString(ref reader, "name");
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                span.TimestampMicros = ZipkinJson.ReadLong(ref reader, "timestamp");
            }
            else if (name.SequenceEqual("duration"u8))
            {
                span.DurationMicros = ZipkinJson.ReadLong(ref reader, "duration");
            }
            else if (name.SequenceEqual("debug"u8))
            {
                span.Debug = reader.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("annotations"u8))
            {
                ReadAnnotations(ref reader, span);
            }
            else if (name.SequenceEqual("binaryAnnotations"u8))
            {
                ReadBinaryAnnotations(ref reader, span);
            }
            else
            {
                reader.Skip();
            }
        }

        ZipkinJson.EnsureEndObject(ref reader, "span");
        return span;
    }

    private static void ReadAnnotations(ref Utf8JsonReader reader, ZipkinV1Span span)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ZipkinDecodeException("annotations must be an array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long timestamp = 0;
            var value = string.Empty;
            ZipkinEndpoint? endpoint = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                ZipkinJson.ReadValue(ref reader);
                if (name.SequenceEqual("timestamp"u8))
                {
                    timestamp = ZipkinJson.ReadLong(ref reader, "annotations.timestamp");
                }
                else if (name.SequenceEqual("value"u8))
                {
                    value = ZipkinJson.ReadString(ref reader, "annotations.value");
                }
                else if (name.SequenceEqual("endpoint"u8))
                {
                    endpoint = ZipkinJson.ReadEndpoint(ref reader, "annotations.endpoint");
                }
                else
                {
                    reader.Skip();
                }
            }

            ZipkinJson.EnsureEndObject(ref reader, "annotation");
            span.Annotations.Add(new ZipkinAnnotation(timestamp, value, endpoint));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new ZipkinDecodeException("annotations must hold objects");
        }
    }

    private static void ReadBinaryAnnotations(ref Utf8JsonReader reader, ZipkinV1Span span)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ZipkinDecodeException("binaryAnnotations must be an array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var key = string.Empty;
            var value = string.Empty;
            ZipkinEndpoint? endpoint = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                ZipkinJson.ReadValue(ref reader);
                if (name.SequenceEqual("key"u8))
                {
                    key = ZipkinJson.ReadString(ref reader, "binaryAnnotations.key");
                }
                else if (name.SequenceEqual("value"u8))
                {
                    value = ZipkinJson.ReadScalarText(ref reader, "binaryAnnotations.value");
                }
                else if (name.SequenceEqual("endpoint"u8))
                {
                    endpoint = ZipkinJson.ReadEndpoint(ref reader, "binaryAnnotations.endpoint");
                }
                else
                {
                    reader.Skip();
                }
            }

            ZipkinJson.EnsureEndObject(ref reader, "binary annotation");
            span.BinaryAnnotations.Add(new ZipkinV1BinaryAnnotation(key, value, endpoint));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new ZipkinDecodeException("binaryAnnotations must hold objects");
        }
    }
}
