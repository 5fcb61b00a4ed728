using System.Text.Json;
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
                    switch (property.Name)
                    {
                        case "trace_id" when property.Value.ValueKind == JsonValueKind.String:
                            _ = TraceId.TryParseHex(property.Value.GetString(), out traceId);
                            break;
                        case "span_id" when property.Value.ValueKind == JsonValueKind.String:
                            _ = SpanId.TryParseHex(property.Value.GetString(), out spanId);
                            break;
                        case "tracestate" when property.Value.ValueKind == JsonValueKind.String:
                            traceState = property.Value.GetString()!;
                            break;
                        case "flags" when property.Value.TryGetUInt32(out var f):
                            flags = f & 0xFF;
                            break;
                        case "attributes" when property.Value.ValueKind == JsonValueKind.Object:
                            attributes = ReadAttributes(property.Value);
                            break;
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
                    switch (property.Name)
                    {
                        case "name" when property.Value.ValueKind == JsonValueKind.String:
                            name = property.Value.GetString()!;
                            break;
                        case "time_unix_nano" when property.Value.ValueKind == JsonValueKind.Number:
                            time = property.Value.TryGetInt64(out var t) ? t : (long)property.Value.GetDouble();
                            break;
                        case "attributes" when property.Value.ValueKind == JsonValueKind.Object:
                            attributes = ReadAttributes(property.Value);
                            break;
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
            attributes.Add(new KeyValue(property.Name, ToValue(property.Value)));
        }

        return [.. attributes];
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
