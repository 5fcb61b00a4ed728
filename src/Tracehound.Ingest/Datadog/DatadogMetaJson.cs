using System.Runtime.InteropServices;
using System.Text.Json;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// The JSON-in-meta forms older tracers use: <c>_dd.span_links</c> (array of
/// <c>{trace_id: 32 hex, span_id: 16 hex, attributes, tracestate, flags}</c>) and <c>events</c>
/// (array of <c>{name, time_unix_nano, attributes}</c>). The meta entry itself is kept either way, so
/// text that does not parse yields no links/events rather than failing the request.
/// </summary>
internal static class DatadogMetaJson
{
    public static SpanLink[] ParseLinks(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = DatadogLimits.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var links = new List<SpanLink>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                TraceId traceId = default;
                SpanId spanId = default;
                var traceState = string.Empty;
                uint flags = 0;
                KeyValue[] attributes = [];
                foreach (var property in item.EnumerateObject())
                {
                    // NameEquals compares the UTF-8 name in place; property.Name would allocate a string per property.
                    var value = property.Value;
                    if (property.NameEquals("trace_id"u8))
                    {
                        if (value.ValueKind == JsonValueKind.String)
                        {
                            _ = TraceId.TryParseHex(value.GetString(), out traceId);
                        }
                    }
                    else if (property.NameEquals("span_id"u8))
                    {
                        if (value.ValueKind == JsonValueKind.String)
                        {
                            _ = SpanId.TryParseHex(value.GetString(), out spanId);
                        }
                    }
                    else if (property.NameEquals("tracestate"u8))
                    {
                        if (value.ValueKind == JsonValueKind.String)
                        {
                            traceState = value.GetString()!;
                        }
                    }
                    else if (property.NameEquals("flags"u8))
                    {
                        if (value.TryGetUInt32(out var f))
                        {
                            flags = f & 0xFF;
                        }
                    }
                    else if (property.NameEquals("attributes"u8) && value.ValueKind == JsonValueKind.Object)
                    {
                        attributes = ReadAttributes(value);
                    }
                }

                if (!spanId.IsEmpty)
                {
                    links.Add(new SpanLink(traceId, spanId, traceState, attributes, 0, flags));
                }
            }

            return [.. links];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static SpanEvent[] ParseEvents(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = DatadogLimits.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var events = new List<SpanEvent>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                long time = 0;
                var name = string.Empty;
                KeyValue[] attributes = [];
                foreach (var property in item.EnumerateObject())
                {
                    var value = property.Value;
                    if (property.NameEquals("name"u8))
                    {
                        if (value.ValueKind == JsonValueKind.String)
                        {
                            name = value.GetString()!;
                        }
                    }
                    else if (property.NameEquals("time_unix_nano"u8))
                    {
                        if (value.ValueKind == JsonValueKind.Number)
                        {
                            time = value.TryGetInt64(out var t) ? t : (long)value.GetDouble();
                        }
                    }
                    else if (property.NameEquals("attributes"u8) && value.ValueKind == JsonValueKind.Object)
                    {
                        attributes = ReadAttributes(value);
                    }
                }

                events.Add(new SpanEvent(time, name, attributes));
            }

            return [.. events];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static KeyValue[] ReadAttributes(JsonElement obj)
    {
        var attributes = new List<KeyValue>();
        foreach (var property in obj.EnumerateObject())
        {
            attributes.Add(new KeyValue(PropertyName(property), ToValue(property.Value)));
        }

        return [.. attributes];
    }

    /// <summary>The property's name, from the shared name cache when it has no escapes (the raw bytes are then the name).</summary>
    private static string PropertyName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.Contains((byte)'\\') ? property.Name : Utf8StringCache.Names.GetOrAdd(raw);
    }

    private static AnyValue ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => AnyValue.FromString(value.GetString()!),
        JsonValueKind.True => AnyValue.FromBool(true),
        JsonValueKind.False => AnyValue.FromBool(false),
        JsonValueKind.Number => value.TryGetInt64(out var i) ? AnyValue.FromInt(i) : AnyValue.FromDouble(value.GetDouble()),
        JsonValueKind.Array => AnyValue.FromArray([.. value.EnumerateArray().Select(ToValue)]),
        JsonValueKind.Object => AnyValue.FromKeyValueList(ReadAttributes(value)),
        _ => AnyValue.Empty,
    };
}
