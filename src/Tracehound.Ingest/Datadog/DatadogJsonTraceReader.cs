using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// v0.3 / v0.4 JSON bodies (<c>[[{span}, ...], ...]</c>) read with <see cref="Utf8JsonReader"/>
/// into the same draft as msgpack. Numbers may also come as strings; unknown keys are skipped.
/// </summary>
internal static class DatadogJsonTraceReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = DatadogLimits.MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    public static void Read(ReadOnlySequence<byte> body, DatadogBatchBuilder builder)
    {
        var reader = new Utf8JsonReader(body, Options);
        var draft = new DatadogSpanDraft();
        Expect(ref reader, JsonTokenType.StartArray, "the body is an array of traces");
        var traces = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Check(reader.TokenType, JsonTokenType.StartArray, "a trace is an array of spans");
            Count(ref traces);
            builder.BeginChunk(null);
            var spans = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Check(reader.TokenType, JsonTokenType.StartObject, "a span is an object");
                Count(ref spans);
                ReadSpan(ref reader, draft);
                builder.AddSpan(draft);
            }

            builder.EndChunk();
        }

        if (reader.Read())
        {
            throw new DatadogDecodeException("unexpected data after the array of traces");
        }
    }

    private static void ReadSpan(ref Utf8JsonReader reader, DatadogSpanDraft draft)
    {
        draft.Reset();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            Next(ref reader);
            switch (key)
            {
                case "service": draft.Service = Text(ref reader); break;
                case "name": draft.Name = Text(ref reader); break;
                case "resource": draft.Resource = Text(ref reader); break;
                case "type": draft.Type = Text(ref reader); break;
                case "trace_id": draft.TraceId = UInt64(ref reader); break;
                case "span_id": draft.SpanId = UInt64(ref reader); break;
                case "parent_id": draft.ParentId = UInt64(ref reader); break;
                case "start": draft.Start = (long)UInt64(ref reader); break;
                case "duration": draft.Duration = (long)UInt64(ref reader); break;
                case "error": draft.Error = (int)UInt64(ref reader); break;
                case "meta": ReadMap(ref reader, draft.Attributes, numeric: false); break;
                case "metrics": ReadMap(ref reader, draft.Attributes, numeric: true); break;
                case "span_links": ReadLinks(ref reader, draft.Links); break;
                default: reader.Skip(); break;
            }
        }
    }

    private static void ReadMap(ref Utf8JsonReader reader, List<KeyValue> into, bool numeric)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Check(reader.TokenType, JsonTokenType.StartObject, numeric ? "metrics is an object" : "meta is an object");
        var count = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            Count(ref count);
            var key = reader.GetString()!;
            Next(ref reader);
            into.Add(numeric ? KeyValue.Double(key, Double(ref reader)) : KeyValue.String(key, Text(ref reader)));
        }
    }

    private static void ReadLinks(ref Utf8JsonReader reader, List<SpanLink> into)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Check(reader.TokenType, JsonTokenType.StartArray, "span_links is an array");
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            ulong low = 0, high = 0, spanId = 0;
            uint flags = 0;
            var traceState = string.Empty;
            var attributes = new List<KeyValue>();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                Next(ref reader);
                switch (key)
                {
                    case "trace_id": low = UInt64(ref reader); break;
                    case "trace_id_high": high = UInt64(ref reader); break;
                    case "span_id": spanId = UInt64(ref reader); break;
                    case "tracestate": traceState = Text(ref reader); break;
                    case "flags":
                        var raw = UInt64(ref reader);
                        flags = (raw & 0x8000_0000UL) != 0 ? (uint)(raw & 0xFF) : 0;
                        break;
                    case "attributes": ReadMap(ref reader, attributes, numeric: false); break;
                    default: reader.Skip(); break;
                }
            }

            into.Add(new SpanLink(new TraceId(high, low), new SpanId(spanId), traceState, [.. attributes], 0, flags));
        }
    }

    private static string Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Null => string.Empty,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new DatadogDecodeException($"expected a string, found {reader.TokenType}"),
    };

    private static ulong UInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetUInt64(out var unsigned))
                {
                    return unsigned;
                }

                if (reader.TryGetInt64(out var signed))
                {
                    return unchecked((ulong)signed);
                }

                return (ulong)reader.GetDouble();
            case JsonTokenType.String when ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonTokenType.Null:
                return 0;
            default:
                throw new DatadogDecodeException($"expected an integer, found {reader.TokenType}");
        }
    }

    private static double Double(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        JsonTokenType.Null => 0,
        _ => throw new DatadogDecodeException($"expected a number, found {reader.TokenType}"),
    };

    private static void Count(ref int count)
    {
        if (++count > DatadogLimits.MaxCollectionEntries)
        {
            throw new DatadogDecodeException($"more than {DatadogLimits.MaxCollectionEntries} entries in one array or object");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!reader.Read())
        {
            throw new DatadogDecodeException("the body is empty");
        }

        Check(reader.TokenType, type, what);
    }

    private static void Check(JsonTokenType actual, JsonTokenType expected, string what)
    {
        if (actual != expected)
        {
            throw new DatadogDecodeException($"{what}, found {actual}");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new DatadogDecodeException("unexpected-eof: the JSON body is truncated");
        }

        return reader.TokenType;
    }
}
