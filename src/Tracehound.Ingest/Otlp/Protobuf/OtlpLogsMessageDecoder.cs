using System.Text;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>
/// Walks the bytes of an <c>ExportLogsServiceRequest</c> and builds log records directly, the same
/// way <see cref="OtlpTraceMessageDecoder"/> builds spans: attributes are collected on a reusable
/// scratch stack and copied once into exact-size arrays. A trace or span id of the wrong length is
/// dropped (the record stays, without that id): unlike a span, a log needs no trace context.
/// One instance is reused by one thread at a time (see <see cref="OtlpProtobufLogsDecoder"/>).
/// </summary>
internal sealed class OtlpLogsMessageDecoder
{
    /// <summary>AnyValue arrays/lists nested deeper than this are refused.</summary>
    public const int MaxAnyValueDepth = OtlpTraceMessageDecoder.MaxAnyValueDepth;

    private const uint Len = (uint)ProtobufWireType.LengthDelimited;
    private const uint Varint = (uint)ProtobufWireType.Varint;
    private const uint Fixed64 = (uint)ProtobufWireType.Fixed64;
    private const uint Fixed32 = (uint)ProtobufWireType.Fixed32;

    private const uint RequestResourceLogs = (1 << 3) | Len;

    private const uint ResourceLogsResource = (1 << 3) | Len;
    private const uint ResourceLogsScopeLogs = (2 << 3) | Len;
    private const uint ResourceLogsSchemaUrl = (3 << 3) | Len;

    private const uint ResourceAttributes = (1 << 3) | Len;
    private const uint ResourceDroppedAttributesCount = (2 << 3) | Varint;

    private const uint ScopeLogsScope = (1 << 3) | Len;
    private const uint ScopeLogsLogRecords = (2 << 3) | Len;
    private const uint ScopeLogsSchemaUrl = (3 << 3) | Len;

    private const uint ScopeName = (1 << 3) | Len;
    private const uint ScopeVersion = (2 << 3) | Len;
    private const uint ScopeAttributes = (3 << 3) | Len;
    private const uint ScopeDroppedAttributesCount = (4 << 3) | Varint;

    private const uint LogTime = (1 << 3) | Fixed64;
    private const uint LogSeverityNumber = (2 << 3) | Varint;
    private const uint LogSeverityText = (3 << 3) | Len;
    private const uint LogBody = (5 << 3) | Len;
    private const uint LogAttributes = (6 << 3) | Len;
    private const uint LogDroppedAttributesCount = (7 << 3) | Varint;
    private const uint LogFlags = (8 << 3) | Fixed32;
    private const uint LogTraceId = (9 << 3) | Len;
    private const uint LogSpanId = (10 << 3) | Len;
    private const uint LogObservedTime = (11 << 3) | Fixed64;
    private const uint LogEventName = (12 << 3) | Len;

    private const uint KeyValueKey = (1 << 3) | Len;
    private const uint KeyValueValue = (2 << 3) | Len;

    private const uint AnyValueString = (1 << 3) | Len;
    private const uint AnyValueBool = (2 << 3) | Varint;
    private const uint AnyValueInt = (3 << 3) | Varint;
    private const uint AnyValueDouble = (4 << 3) | Fixed64;
    private const uint AnyValueArray = (5 << 3) | Len;
    private const uint AnyValueKeyValueList = (6 << 3) | Len;
    private const uint AnyValueBytes = (7 << 3) | Len;

    /// <summary>ArrayValue.values and KeyValueList.values share field 1.</summary>
    private const uint ListValues = (1 << 3) | Len;

    private readonly Utf8StringCache? _names;
    private readonly Utf8StringCache? _values;
    private KeyValue[] _keyValues = new KeyValue[64];
    private int _keyValueCount;
    private int _keyValueHighWater;
    private AnyValue[] _anyValues = new AnyValue[16];
    private int _anyValueCount;
    private int _anyValueHighWater;

    /// <param name="names">Cache for keys and names; null to allocate every string.</param>
    /// <param name="values">Cache for string values; null to allocate every string.</param>
    public OtlpLogsMessageDecoder(Utf8StringCache? names, Utf8StringCache? values)
    {
        _names = names;
        _values = values;
    }

    public LogBatch Decode(ReadOnlySpan<byte> payload)
    {
        _keyValueCount = 0;
        _anyValueCount = 0;
        try
        {
            var batch = new LogBatch();
            var reader = new ProtobufReader(payload);
            while (reader.TryReadTag(out var tag))
            {
                if (tag == RequestResourceLogs)
                {
                    var resourceLogs = reader.ReadMessage(tag);
                    DecodeResourceLogs(ref resourceLogs, batch);
                }
                else
                {
                    reader.SkipField(tag);
                }
            }

            return batch;
        }
        finally
        {
            // The scratch lives on with this thread; drop its references to the batch's strings.
            Array.Clear(_keyValues, 0, _keyValueHighWater);
            Array.Clear(_anyValues, 0, _anyValueHighWater);
            _keyValueHighWater = 0;
            _anyValueHighWater = 0;
        }
    }

    private void DecodeResourceLogs(ref ProtobufReader reader, LogBatch batch)
    {
        // The resource may follow the records on the wire; read it first (scope_logs are one length hop each).
        var scan = reader;
        var resourceReader = default(ProtobufReader);
        var hasResource = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ResourceLogsResource:
                    resourceReader = scan.ReadMessage(tag);
                    hasResource = true;
                    break;
                case ResourceLogsSchemaUrl:
                    schemaUrl = ReadString(scan.ReadLengthDelimited(tag), _names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var resource = hasResource
            ? DecodeResource(ref resourceReader, schemaUrl)
            : schemaUrl.Length == 0 ? Resource.Empty : new Resource([], 0, schemaUrl);

        while (reader.TryReadTag(out var tag))
        {
            if (tag == ResourceLogsScopeLogs)
            {
                var scopeLogs = reader.ReadMessage(tag);
                DecodeScopeLogs(ref scopeLogs, resource, batch);
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    private Resource DecodeResource(ref ProtobufReader reader, string schemaUrl)
    {
        var attributesStart = _keyValueCount;
        uint dropped = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ResourceAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case ResourceDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new Resource(PopKeyValues(attributesStart), dropped, schemaUrl);
    }

    private void DecodeScopeLogs(ref ProtobufReader reader, Resource resource, LogBatch batch)
    {
        var scan = reader;
        var scopeReader = default(ProtobufReader);
        var hasScope = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ScopeLogsScope:
                    scopeReader = scan.ReadMessage(tag);
                    hasScope = true;
                    break;
                case ScopeLogsSchemaUrl:
                    schemaUrl = ReadString(scan.ReadLengthDelimited(tag), _names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var scope = hasScope
            ? DecodeScope(ref scopeReader, schemaUrl)
            : schemaUrl.Length == 0 ? InstrumentationScope.Empty : new InstrumentationScope(string.Empty, string.Empty, [], 0, schemaUrl);

        while (reader.TryReadTag(out var tag))
        {
            if (tag == ScopeLogsLogRecords)
            {
                var record = reader.ReadMessage(tag);
                batch.Records.Add(DecodeLogRecord(ref record, resource, scope));
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    private InstrumentationScope DecodeScope(ref ProtobufReader reader, string schemaUrl)
    {
        var attributesStart = _keyValueCount;
        var name = string.Empty;
        var version = string.Empty;
        uint dropped = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ScopeName:
                    name = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case ScopeVersion:
                    version = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case ScopeAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case ScopeDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new InstrumentationScope(name, version, PopKeyValues(attributesStart), dropped, schemaUrl);
    }

    private LogRecord DecodeLogRecord(ref ProtobufReader reader, Resource resource, InstrumentationScope scope)
    {
        var record = new LogRecord { Resource = resource, Scope = scope };
        var attributesStart = _keyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case LogTime:
                    record.TimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case LogObservedTime:
                    record.ObservedTimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case LogSeverityNumber:
                    // An enum; numbers outside 0-24 mean nothing, so they read as unspecified.
                    var severity = reader.ReadVarint();
                    record.SeverityNumber = severity <= 24 ? (int)severity : 0;
                    break;
                case LogSeverityText:
                    record.SeverityText = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case LogBody:
                    {
                        var bodyReader = reader.ReadMessage(tag);
                        record.Body = DecodeAnyValue(ref bodyReader, 1);
                        break;
                    }

                case LogAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case LogDroppedAttributesCount:
                    record.DroppedAttributesCount = reader.ReadUInt32();
                    break;
                case LogFlags:
                    record.Flags = reader.ReadFixed32();
                    break;
                case LogTraceId:
                    {
                        // Wrong length drops the id, not the record (an empty id means "no context").
                        var bytes = reader.ReadLengthDelimited(tag);
                        record.TraceId = bytes.Length == 16 ? TraceId.FromBytes(bytes) : default;
                        break;
                    }

                case LogSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        record.SpanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case LogEventName:
                    record.EventName = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        record.Attributes = PopKeyValues(attributesStart);

        // A span id without its trace is no context at all.
        if (record.TraceId.IsEmpty)
        {
            record.SpanId = default;
        }

        return record;
    }

    /// <summary>Decodes the KeyValue message of field <paramref name="tag"/> onto the scratch stack.</summary>
    private void PushKeyValue(ref ProtobufReader reader, uint tag, int depth)
    {
        var keyValueReader = reader.ReadMessage(tag);
        var key = string.Empty;
        var value = AnyValue.Empty;
        while (keyValueReader.TryReadTag(out var fieldTag))
        {
            switch (fieldTag)
            {
                case KeyValueKey:
                    key = ReadString(keyValueReader.ReadLengthDelimited(fieldTag), _names);
                    break;
                case KeyValueValue:
                    {
                        var valueReader = keyValueReader.ReadMessage(fieldTag);
                        value = DecodeAnyValue(ref valueReader, depth + 1);
                        break;
                    }

                default:
                    keyValueReader.SkipField(fieldTag);
                    break;
            }
        }

        if (_keyValueCount == _keyValues.Length)
        {
            Array.Resize(ref _keyValues, _keyValues.Length * 2);
        }

        _keyValues[_keyValueCount++] = new KeyValue(key, value);
        if (_keyValueCount > _keyValueHighWater)
        {
            _keyValueHighWater = _keyValueCount;
        }
    }

    private AnyValue DecodeAnyValue(ref ProtobufReader reader, int depth)
    {
        if (depth > MaxAnyValueDepth)
        {
            throw new OtlpDecodeException($"value nested deeper than {MaxAnyValueDepth} levels at offset {reader.Offset}");
        }

        // A oneof: when several members are present the last one wins.
        var value = AnyValue.Empty;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case AnyValueString:
                    value = AnyValue.FromString(ReadString(reader.ReadLengthDelimited(tag), _values));
                    break;
                case AnyValueBool:
                    value = AnyValue.FromBool(reader.ReadVarint() != 0);
                    break;
                case AnyValueInt:
                    value = AnyValue.FromInt((long)reader.ReadVarint());
                    break;
                case AnyValueDouble:
                    value = AnyValue.FromDouble(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
                    break;
                case AnyValueArray:
                    {
                        var arrayReader = reader.ReadMessage(tag);
                        value = AnyValue.FromArray(DecodeArray(ref arrayReader, depth));
                        break;
                    }

                case AnyValueKeyValueList:
                    {
                        var listReader = reader.ReadMessage(tag);
                        value = AnyValue.FromKeyValueList(DecodeKeyValueList(ref listReader, depth));
                        break;
                    }

                case AnyValueBytes:
                    value = AnyValue.FromBytes(reader.ReadLengthDelimited(tag).ToArray());
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return value;
    }

    private AnyValue[] DecodeArray(ref ProtobufReader reader, int depth)
    {
        var start = _anyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            if (tag == ListValues)
            {
                var itemReader = reader.ReadMessage(tag);
                var item = DecodeAnyValue(ref itemReader, depth + 1);
                if (_anyValueCount == _anyValues.Length)
                {
                    Array.Resize(ref _anyValues, _anyValues.Length * 2);
                }

                _anyValues[_anyValueCount++] = item;
                if (_anyValueCount > _anyValueHighWater)
                {
                    _anyValueHighWater = _anyValueCount;
                }
            }
            else
            {
                reader.SkipField(tag);
            }
        }

        var count = _anyValueCount - start;
        _anyValueCount = start;
        return count == 0 ? [] : _anyValues.AsSpan(start, count).ToArray();
    }

    private KeyValue[] DecodeKeyValueList(ref ProtobufReader reader, int depth)
    {
        var start = _keyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            if (tag == ListValues)
            {
                PushKeyValue(ref reader, tag, depth);
            }
            else
            {
                reader.SkipField(tag);
            }
        }

        return PopKeyValues(start);
    }

    private KeyValue[] PopKeyValues(int start)
    {
        var count = _keyValueCount - start;
        _keyValueCount = start;
        return count == 0 ? [] : _keyValues.AsSpan(start, count).ToArray();
    }

    private static string ReadString(ReadOnlySpan<byte> utf8, Utf8StringCache? cache)
    {
        if (cache is not null)
        {
            return cache.GetOrAdd(utf8);
        }

        // Invalid UTF-8 becomes U+FFFD (Encoding.UTF8's replacement fallback), never an error.
        return utf8.Length == 0 ? string.Empty : Encoding.UTF8.GetString(utf8);
    }
}
