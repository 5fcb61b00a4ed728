using System.Text.Json;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>Value readers shared by the v1 and v2 JSON decoders (ids, numbers, endpoints).</summary>
internal static class ZipkinJson
{
    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = ZipkinLimits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Reads a JSON array of span objects (both API versions send one), each through
    /// <paramref name="readItem"/>, enforcing the span cap and that nothing follows the array.
    /// </summary>
    public static SpanBatch ReadSpanList(ReadOnlySpan<byte> json, string listName, ZipkinSpanMapper mapper, ZipkinSpanListItemReader readItem)
    {
        var batch = new SpanBatch();
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            Expect(ref reader, JsonTokenType.StartArray, listName);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if (batch.Count + batch.RejectedSpans >= ZipkinLimits.MaxSpans)
                {
                    throw new ZipkinDecodeException($"more than {ZipkinLimits.MaxSpans} spans in one request");
                }

                readItem(ref reader, batch, mapper);
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new ZipkinDecodeException($"the span list holds a {reader.TokenType}, not span objects");
            }

            if (reader.Read())
            {
                throw new ZipkinDecodeException("data after the span list");
            }
        }
        catch (JsonException ex)
        {
            throw new ZipkinDecodeException("invalid JSON: " + ex.Message, ex);
        }

        return batch;
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new ZipkinDecodeException($"{what}: expected {type}, found {(reader.TokenType == JsonTokenType.None ? "the end" : reader.TokenType.ToString())}");
        }
    }

    /// <summary>Moves to the property's value.</summary>
    public static void ReadValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new ZipkinDecodeException("the JSON ends inside an object");
        }
    }

    public static string ReadName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()! : Utf8StringCache.Names.GetOrAdd(reader.ValueSpan);

    public static string ReadString(ref Utf8JsonReader reader, string field)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.ValueIsEscaped ? reader.GetString()! : Utf8StringCache.Values.GetOrAdd(reader.ValueSpan),
            JsonTokenType.Null => string.Empty,
            _ => throw new ZipkinDecodeException($"{field} must be a string, not {reader.TokenType}"),
        };
    }

    /// <summary>A tag or binary annotation value: strings as they are, numbers and booleans as their JSON text.</summary>
    public static string ReadScalarText(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.Null => ReadString(ref reader, field),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new ZipkinDecodeException($"{field} must be a string, number or boolean, not {reader.TokenType}"),
    };

    public static long ReadLong(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number when reader.TryGetInt64(out var value):
                return value;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && number is >= 0 and < 9.2e18:
                return (long)number;
            default:
                throw new ZipkinDecodeException($"{field} must be a whole number");
        }
    }

    public static TraceId ReadTraceId(ref Utf8JsonReader reader)
    {
        Span<char> hex = stackalloc char[32];
        var length = ReadHex(ref reader, hex, "traceId");
        if (length == 0 || !TraceId.TryParseHex(hex[..length], out var id))
        {
            throw new ZipkinDecodeException("traceId must be 16 or 32 hex characters");
        }

        return id;
    }

    public static ulong ReadSpanId(ref Utf8JsonReader reader, string field)
    {
        Span<char> hex = stackalloc char[32];
        var length = ReadHex(ref reader, hex, field);
        if (length == 0)
        {
            return 0;
        }

        if (!SpanId.TryParseHex(hex[..length], out var id))
        {
            throw new ZipkinDecodeException($"{field} must be up to 16 hex characters");
        }

        return id.Value;
    }

    private static int ReadHex(ref Utf8JsonReader reader, scoped Span<char> hex, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > hex.Length)
        {
            throw new ZipkinDecodeException($"{field} must be a hex string of at most {hex.Length} characters");
        }

        var bytes = reader.ValueSpan;
        for (var i = 0; i < bytes.Length; i++)
        {
            hex[i] = (char)bytes[i];
        }

        return bytes.Length;
    }

    public static ZipkinEndpoint? ReadEndpoint(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ZipkinDecodeException($"{field} must be an object");
        }

        string service = string.Empty, ipv4 = string.Empty, ipv6 = string.Empty;
        var port = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (name.SequenceEqual("serviceName"u8))
            {
                ReadValue(ref reader);
                service = ReadString(ref reader, field + ".serviceName");
            }
            else if (name.SequenceEqual("ipv4"u8))
            {
                ReadValue(ref reader);
                ipv4 = ReadString(ref reader, field + ".ipv4");
            }
            else if (name.SequenceEqual("ipv6"u8))
            {
                ReadValue(ref reader);
                ipv6 = ReadString(ref reader, field + ".ipv6");
            }
            else if (name.SequenceEqual("port"u8))
            {
                ReadValue(ref reader);
                var value = ReadLong(ref reader, field + ".port");
                port = value is > 0 and <= 65535 ? (int)value : 0;
            }
            else
            {
                ReadValue(ref reader);
                reader.Skip();
            }
        }

        EnsureEndObject(ref reader, field);
        return new ZipkinEndpoint(service, ipv4.Length > 0 ? ipv4 : ipv6, port);
    }

    public static void EnsureEndObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new ZipkinDecodeException($"{what}: the object is not closed");
        }
    }
}
