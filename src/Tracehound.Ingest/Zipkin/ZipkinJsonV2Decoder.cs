using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>Zipkin's <c>POST /api/v2/spans</c> JSON: an array of span objects. Unknown fields are skipped.</summary>
internal static class ZipkinJsonV2Decoder
{
    public static SpanBatch Decode(ReadOnlySpan<byte> json, ZipkinSpanMapper mapper) =>
        ZipkinJson.ReadSpanList(json, "a v2 span list", mapper, static (ref Utf8JsonReader reader, SpanBatch batch, ZipkinSpanMapper m) =>
        {
            m.Add(batch, ReadSpan(ref reader));
        });

    private static ZipkinSpanDraft ReadSpan(ref Utf8JsonReader reader)
    {
        var draft = new ZipkinSpanDraft();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            ZipkinJson.ReadValue(ref reader);
            if (name.SequenceEqual("traceId"u8))
            {
                draft.TraceId = ZipkinJson.ReadTraceId(ref reader);
            }
            else if (name.SequenceEqual("id"u8))
            {
                draft.Id = ZipkinJson.ReadSpanId(ref reader, "id");
            }
            else if (name.SequenceEqual("parentId"u8))
            {
                draft.ParentId = ZipkinJson.ReadSpanId(ref reader, "parentId");
            }
            else if (name.SequenceEqual("name"u8))
            {
                draft.Name = ZipkinJson.ReadString(ref reader, "name");
            }
            else if (name.SequenceEqual("kind"u8))
            {
                draft.Kind = ParseKind(ZipkinJson.ReadString(ref reader, "kind"));
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                draft.TimestampMicros = ZipkinJson.ReadLong(ref reader, "timestamp");
            }
            else if (name.SequenceEqual("duration"u8))
            {
                draft.DurationMicros = ZipkinJson.ReadLong(ref reader, "duration");
            }
            else if (name.SequenceEqual("localEndpoint"u8))
            {
                draft.LocalEndpoint = ZipkinJson.ReadEndpoint(ref reader, "localEndpoint");
            }
            else if (name.SequenceEqual("remoteEndpoint"u8))
            {
                draft.RemoteEndpoint = ZipkinJson.ReadEndpoint(ref reader, "remoteEndpoint");
            }
            else if (name.SequenceEqual("annotations"u8))
            {
                ReadAnnotations(ref reader, draft);
            }
            else if (name.SequenceEqual("tags"u8))
            {
                ReadTags(ref reader, draft);
            }
            else if (name.SequenceEqual("debug"u8))
            {
                draft.Debug = reader.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("shared"u8))
            {
                draft.Shared = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Skip();
            }
        }

        ZipkinJson.EnsureEndObject(ref reader, "span");
        return draft;
    }

    internal static ZipkinSpanKind ParseKind(string kind) => kind.ToUpperInvariant() switch
    {
        "CLIENT" => ZipkinSpanKind.Client,
        "SERVER" => ZipkinSpanKind.Server,
        "PRODUCER" => ZipkinSpanKind.Producer,
        "CONSUMER" => ZipkinSpanKind.Consumer,
        _ => ZipkinSpanKind.None,
    };

    private static void ReadAnnotations(ref Utf8JsonReader reader, ZipkinSpanDraft draft)
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
                else
                {
                    reader.Skip();
                }
            }

            ZipkinJson.EnsureEndObject(ref reader, "annotation");
            draft.Annotations.Add(new ZipkinAnnotation(timestamp, value));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new ZipkinDecodeException("annotations must hold objects");
        }
    }

    private static void ReadTags(ref Utf8JsonReader reader, ZipkinSpanDraft draft)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ZipkinDecodeException("tags must be an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ZipkinJson.ReadName(ref reader);
            ZipkinJson.ReadValue(ref reader);
            draft.Tags.Add(new(key, ZipkinJson.ReadScalarText(ref reader, "tags." + key)));
        }

        ZipkinJson.EnsureEndObject(ref reader, "tags");
    }
}
