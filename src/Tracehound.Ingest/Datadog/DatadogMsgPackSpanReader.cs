using MessagePack;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// Reads one span map (v0.3/v0.4/v0.7 layout) into a <see cref="DatadogSpanDraft"/>: keys matched
/// on their UTF-8 bytes, unknown keys skipped, meta and metrics straight into the attribute list.
/// </summary>
internal static class DatadogMsgPackSpanReader
{
    public static void Read(ref MessagePackReader reader, DatadogSpanDraft draft)
    {
        draft.Reset();
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < fields; i++)
        {
            var key = ReadKey(ref reader);
            switch (key)
            {
                case Key.Service: draft.Service = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case Key.Name: draft.Name = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case Key.Resource: draft.Resource = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values); break;
                case Key.Type: draft.Type = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                case Key.TraceId: draft.TraceId = MsgPackValues.ReadUInt64(ref reader); break;
                case Key.SpanId: draft.SpanId = MsgPackValues.ReadUInt64(ref reader); break;
                case Key.ParentId: draft.ParentId = MsgPackValues.ReadUInt64(ref reader); break;
                case Key.Start: draft.Start = MsgPackValues.ReadInt64(ref reader); break;
                case Key.Duration: draft.Duration = MsgPackValues.ReadInt64(ref reader); break;
                case Key.Error: draft.Error = (int)MsgPackValues.ReadInt64(ref reader); break;
                case Key.Meta: ReadMeta(ref reader, draft.Attributes); break;
                case Key.Metrics: ReadMetrics(ref reader, draft.Attributes); break;
                case Key.MetaStruct: ReadMetaStruct(ref reader, draft.MetaStruct); break;
                case Key.SpanLinks: ReadLinks(ref reader, draft.Links); break;
                case Key.SpanEvents: ReadEvents(ref reader, draft.Events); break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }
    }

    /// <summary>A map of string → string (chunk tags, payload tags).</summary>
    public static void ReadMeta(ref MessagePackReader reader, List<KeyValue> into)
    {
        var count = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            var key = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);
            var value = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values);
            into.Add(KeyValue.String(key, value));
        }
    }

    private static void ReadMetrics(ref MessagePackReader reader, List<KeyValue> into)
    {
        var count = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            var key = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);
            into.Add(KeyValue.Double(key, MsgPackValues.ReadDouble(ref reader)));
        }
    }

    private static void ReadMetaStruct(ref MessagePackReader reader, List<KeyValue> into)
    {
        var count = MsgPackValues.ReadMapHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            var key = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);
            into.Add(new KeyValue(key, AnyValue.FromBytes(MsgPackValues.ReadBytes(ref reader, DatadogLimits.MaxMetaStructValueBytes))));
        }
    }

    private static void ReadLinks(ref MessagePackReader reader, List<SpanLink> into)
    {
        var count = MsgPackValues.ReadArrayHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            ulong low = 0, high = 0, spanId = 0;
            uint flags = 0;
            var traceState = string.Empty;
            KeyValue[] attributes = [];
            var fields = MsgPackValues.ReadMapHeader(ref reader);
            for (var f = 0; f < fields; f++)
            {
                switch (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names))
                {
                    case "trace_id": low = MsgPackValues.ReadUInt64(ref reader); break;
                    case "trace_id_high": high = MsgPackValues.ReadUInt64(ref reader); break;
                    case "span_id": spanId = MsgPackValues.ReadUInt64(ref reader); break;
                    case "tracestate": traceState = MsgPackValues.ReadString(ref reader, Utf8StringCache.Values); break;
                    case "flags":
                        var raw = MsgPackValues.ReadUInt64(ref reader);
                        // Bit 31 marks "flags present"; the W3C flags are the low byte.
                        flags = (raw & 0x8000_0000UL) != 0 ? (uint)(raw & 0xFF) : 0;
                        break;
                    case "attributes":
                        var list = new List<KeyValue>();
                        ReadMeta(ref reader, list);
                        attributes = [.. list];
                        break;
                    default: MsgPackValues.Skip(ref reader); break;
                }
            }

            into.Add(new SpanLink(new TraceId(high, low), new SpanId(spanId), traceState, attributes, 0, flags));
        }
    }

    private static void ReadEvents(ref MessagePackReader reader, List<SpanEvent> into)
    {
        var count = MsgPackValues.ReadArrayHeader(ref reader);
        for (var i = 0; i < count; i++)
        {
            long time = 0;
            var name = string.Empty;
            KeyValue[] attributes = [];
            var fields = MsgPackValues.ReadMapHeader(ref reader);
            for (var f = 0; f < fields; f++)
            {
                switch (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names))
                {
                    case "time_unix_nano": time = MsgPackValues.ReadInt64(ref reader); break;
                    case "name": name = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names); break;
                    case "attributes": attributes = ReadEventAttributes(ref reader); break;
                    default: MsgPackValues.Skip(ref reader); break;
                }
            }

            into.Add(new SpanEvent(time, name, attributes));
        }
    }

    private static KeyValue[] ReadEventAttributes(ref MessagePackReader reader)
    {
        var count = MsgPackValues.ReadMapHeader(ref reader);
        var attributes = new KeyValue[count];
        for (var i = 0; i < count; i++)
        {
            var key = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);
            attributes[i] = new KeyValue(key, ReadAttributeValue(ref reader, allowArray: true));
        }

        return attributes;
    }

    /// <summary>An AttributeAnyValue map <c>{type, string_value, bool_value, int_value, double_value, array_value}</c>, or a plain scalar.</summary>
    private static AnyValue ReadAttributeValue(ref MessagePackReader reader, bool allowArray)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
            case MessagePackType.Binary:
                return AnyValue.FromString(MsgPackValues.ReadString(ref reader, Utf8StringCache.Values));
            case MessagePackType.Boolean:
                return AnyValue.FromBool(reader.ReadBoolean());
            case MessagePackType.Integer:
                return AnyValue.FromInt(MsgPackValues.ReadInt64(ref reader));
            case MessagePackType.Float:
                return AnyValue.FromDouble(reader.ReadDouble());
            case MessagePackType.Map:
                break;
            default:
                MsgPackValues.Skip(ref reader);
                return AnyValue.Empty;
        }

        long type = 0;
        AnyValue text = AnyValue.FromString(string.Empty), flag = AnyValue.FromBool(false), integer = AnyValue.FromInt(0),
            real = AnyValue.FromDouble(0), array = AnyValue.FromArray([]);
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            switch (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names))
            {
                case "type": type = MsgPackValues.ReadInt64(ref reader); break;
                case "string_value": text = AnyValue.FromString(MsgPackValues.ReadString(ref reader, Utf8StringCache.Values)); break;
                case "bool_value": flag = AnyValue.FromBool(MsgPackValues.ReadInt64(ref reader) != 0); break;
                case "int_value": integer = AnyValue.FromInt(MsgPackValues.ReadInt64(ref reader)); break;
                case "double_value": real = AnyValue.FromDouble(MsgPackValues.ReadDouble(ref reader)); break;
                case "array_value" when allowArray: array = ReadArrayValue(ref reader); break;
                default: MsgPackValues.Skip(ref reader); break;
            }
        }

        return type switch
        {
            1 => flag,
            2 => integer,
            3 => real,
            4 when allowArray => array,
            _ => text,
        };
    }

    private static AnyValue ReadArrayValue(ref MessagePackReader reader)
    {
        AnyValue[] values = [];
        var fields = MsgPackValues.ReadMapHeader(ref reader);
        for (var f = 0; f < fields; f++)
        {
            if (MsgPackValues.ReadString(ref reader, Utf8StringCache.Names) == "values")
            {
                var count = MsgPackValues.ReadArrayHeader(ref reader);
                values = new AnyValue[count];
                for (var i = 0; i < count; i++)
                {
                    values[i] = ReadAttributeValue(ref reader, allowArray: false);
                }
            }
            else
            {
                MsgPackValues.Skip(ref reader);
            }
        }

        return AnyValue.FromArray(values);
    }

    private enum Key
    {
        Unknown,
        Service,
        Name,
        Resource,
        Type,
        TraceId,
        SpanId,
        ParentId,
        Start,
        Duration,
        Error,
        Meta,
        Metrics,
        MetaStruct,
        SpanLinks,
        SpanEvents,
    }

    /// <summary>Matches a span map key on its bytes, without making a string.</summary>
    private static Key ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String || !reader.TryReadStringSpan(out var key))
        {
            var text = MsgPackValues.ReadString(ref reader, Utf8StringCache.Names);
            return Match(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return Match(key);
    }

    private static Key Match(ReadOnlySpan<byte> key) => key.Length switch
    {
        4 when key.SequenceEqual("name"u8) => Key.Name,
        4 when key.SequenceEqual("meta"u8) => Key.Meta,
        4 when key.SequenceEqual("type"u8) => Key.Type,
        5 when key.SequenceEqual("start"u8) => Key.Start,
        5 when key.SequenceEqual("error"u8) => Key.Error,
        7 when key.SequenceEqual("service"u8) => Key.Service,
        7 when key.SequenceEqual("span_id"u8) => Key.SpanId,
        7 when key.SequenceEqual("metrics"u8) => Key.Metrics,
        8 when key.SequenceEqual("resource"u8) => Key.Resource,
        8 when key.SequenceEqual("trace_id"u8) => Key.TraceId,
        8 when key.SequenceEqual("duration"u8) => Key.Duration,
        9 when key.SequenceEqual("parent_id"u8) => Key.ParentId,
        10 when key.SequenceEqual("span_links"u8) => Key.SpanLinks,
        11 when key.SequenceEqual("meta_struct"u8) => Key.MetaStruct,
        11 when key.SequenceEqual("span_events"u8) => Key.SpanEvents,
        _ => Key.Unknown,
    };
}
