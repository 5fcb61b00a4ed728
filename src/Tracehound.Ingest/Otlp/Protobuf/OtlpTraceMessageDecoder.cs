using System.Runtime.InteropServices;
using System.Text;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>
/// Walks the bytes of an <c>ExportTraceServiceRequest</c> and builds the span model directly, with
/// no intermediate message objects. Attribute lists are collected on a reusable scratch stack (nested
/// key-value lists and arrays push above their parent and pop back) and copied once into an array of
/// the exact size, so there is no per-attribute list or dictionary. One instance is reused by one
/// thread at a time (see <see cref="OtlpProtobufTraceDecoder"/>).
/// </summary>
internal sealed class OtlpTraceMessageDecoder
{
    /// <summary>AnyValue arrays/lists nested deeper than this are refused (real data nests 2-3 levels).</summary>
    public const int MaxAnyValueDepth = 32;

    // Tags (field number << 3 | wire type) from opentelemetry-proto; matching the whole tag means a
    // known field sent with an unexpected wire type is skipped like an unknown one, as protoc does.
    private const uint Len = (uint)ProtobufWireType.LengthDelimited;
    private const uint Varint = (uint)ProtobufWireType.Varint;
    private const uint Fixed64 = (uint)ProtobufWireType.Fixed64;
    private const uint Fixed32 = (uint)ProtobufWireType.Fixed32;

    private const uint RequestResourceSpans = (1 << 3) | Len;

    private const uint ResourceSpansResource = (1 << 3) | Len;
    private const uint ResourceSpansScopeSpans = (2 << 3) | Len;
    private const uint ResourceSpansSchemaUrl = (3 << 3) | Len;

    private const uint ResourceAttributes = (1 << 3) | Len;
    private const uint ResourceDroppedAttributesCount = (2 << 3) | Varint;

    private const uint ScopeSpansScope = (1 << 3) | Len;
    private const uint ScopeSpansSpans = (2 << 3) | Len;
    private const uint ScopeSpansSchemaUrl = (3 << 3) | Len;

    private const uint ScopeName = (1 << 3) | Len;
    private const uint ScopeVersion = (2 << 3) | Len;
    private const uint ScopeAttributes = (3 << 3) | Len;
    private const uint ScopeDroppedAttributesCount = (4 << 3) | Varint;

    private const uint SpanTraceId = (1 << 3) | Len;
    private const uint SpanSpanId = (2 << 3) | Len;
    private const uint SpanTraceState = (3 << 3) | Len;
    private const uint SpanParentSpanId = (4 << 3) | Len;
    private const uint SpanName = (5 << 3) | Len;
    private const uint SpanKindTag = (6 << 3) | Varint;
    private const uint SpanStartTime = (7 << 3) | Fixed64;
    private const uint SpanEndTime = (8 << 3) | Fixed64;
    private const uint SpanAttributes = (9 << 3) | Len;
    private const uint SpanDroppedAttributesCount = (10 << 3) | Varint;
    private const uint SpanEvents = (11 << 3) | Len;
    private const uint SpanDroppedEventsCount = (12 << 3) | Varint;
    private const uint SpanLinks = (13 << 3) | Len;
    private const uint SpanDroppedLinksCount = (14 << 3) | Varint;
    private const uint SpanStatus = (15 << 3) | Len;
    private const uint SpanFlags = (16 << 3) | Fixed32;

    private const uint EventTime = (1 << 3) | Fixed64;
    private const uint EventName = (2 << 3) | Len;
    private const uint EventAttributes = (3 << 3) | Len;
    private const uint EventDroppedAttributesCount = (4 << 3) | Varint;

    private const uint LinkTraceId = (1 << 3) | Len;
    private const uint LinkSpanId = (2 << 3) | Len;
    private const uint LinkTraceState = (3 << 3) | Len;
    private const uint LinkAttributes = (4 << 3) | Len;
    private const uint LinkDroppedAttributesCount = (5 << 3) | Varint;
    private const uint LinkFlags = (6 << 3) | Fixed32;

    private const uint StatusMessage = (2 << 3) | Len;
    private const uint StatusCodeTag = (3 << 3) | Varint;

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
    private readonly List<SpanEvent> _events = [];
    private readonly List<SpanLink> _links = [];
    private KeyValue[] _keyValues = new KeyValue[64];
    private int _keyValueCount;
    private int _keyValueHighWater;
    private AnyValue[] _anyValues = new AnyValue[16];
    private int _anyValueCount;
    private int _anyValueHighWater;

    /// <param name="names">Cache for keys and names; null to allocate every string.</param>
    /// <param name="values">Cache for string values; null to allocate every string.</param>
    public OtlpTraceMessageDecoder(Utf8StringCache? names, Utf8StringCache? values)
    {
        _names = names;
        _values = values;
    }

    public SpanBatch Decode(ReadOnlySpan<byte> payload)
    {
        _keyValueCount = 0;
        _anyValueCount = 0;
        _events.Clear();
        _links.Clear();
        try
        {
            var batch = new SpanBatch();
            var reader = new ProtobufReader(payload);
            var spanIndex = 0;
            while (reader.TryReadTag(out var tag))
            {
                if (tag == RequestResourceSpans)
                {
                    var resourceSpans = reader.ReadMessage(tag);
                    DecodeResourceSpans(ref resourceSpans, batch, ref spanIndex);
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
            _events.Clear();
            _links.Clear();
        }
    }

    private void DecodeResourceSpans(ref ProtobufReader reader, SpanBatch batch, ref int spanIndex)
    {
        // resource and schema_url may follow the spans on the wire, but every span needs the one
        // shared Resource; so read them first, skipping scope_spans (only a length hop each).
        var scan = reader;
        var resourceReader = default(ProtobufReader);
        var hasResource = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ResourceSpansResource:
                    resourceReader = scan.ReadMessage(tag);
                    hasResource = true;
                    break;
                case ResourceSpansSchemaUrl:
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
            if (tag == ResourceSpansScopeSpans)
            {
                var scopeSpans = reader.ReadMessage(tag);
                DecodeScopeSpans(ref scopeSpans, resource, batch, ref spanIndex);
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
                    // entity_refs (3) and anything newer.
                    reader.SkipField(tag);
                    break;
            }
        }

        return new Resource(PopKeyValues(attributesStart), dropped, schemaUrl);
    }

    private void DecodeScopeSpans(ref ProtobufReader reader, Resource resource, SpanBatch batch, ref int spanIndex)
    {
        // Same two passes as for the resource: the scope is shared by the block's spans.
        var scan = reader;
        var scopeReader = default(ProtobufReader);
        var hasScope = false;
        var schemaUrl = string.Empty;
        while (scan.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ScopeSpansScope:
                    scopeReader = scan.ReadMessage(tag);
                    hasScope = true;
                    break;
                case ScopeSpansSchemaUrl:
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
            if (tag == ScopeSpansSpans)
            {
                var span = reader.ReadMessage(tag);
                DecodeSpan(ref span, resource, scope, batch, spanIndex++);
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

    private void DecodeSpan(ref ProtobufReader reader, Resource resource, InstrumentationScope scope, SpanBatch batch, int spanIndex)
    {
        var span = new Span { Resource = resource, Scope = scope };
        var attributesStart = _keyValueCount;
        var eventsStart = _events.Count;
        var linksStart = _links.Count;
        var traceIdLength = 0;
        var spanIdLength = 0;
        var parentIdLength = 0;
        uint invalidLinks = 0;

        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case SpanTraceId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        traceIdLength = bytes.Length;
                        span.TraceId = bytes.Length == 16 ? TraceId.FromBytes(bytes) : default;
                        break;
                    }

                case SpanSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        spanIdLength = bytes.Length;
                        span.SpanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case SpanTraceState:
                    span.TraceState = ReadString(reader.ReadLengthDelimited(tag), _values);
                    break;
                case SpanParentSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        parentIdLength = bytes.Length;
                        span.ParentSpanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case SpanName:
                    span.Name = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case SpanKindTag:
                    var kind = reader.ReadVarint();
                    span.Kind = kind <= (ulong)SpanKind.Consumer ? (SpanKind)kind : SpanKind.Unspecified;
                    break;
                case SpanStartTime:
                    span.StartTimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case SpanEndTime:
                    span.EndTimeUnixNano = (long)reader.ReadFixed64();
                    break;
                case SpanAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case SpanDroppedAttributesCount:
                    span.DroppedAttributesCount = reader.ReadUInt32();
                    break;
                case SpanEvents:
                    {
                        var eventReader = reader.ReadMessage(tag);
                        _events.Add(DecodeEvent(ref eventReader));
                        break;
                    }

                case SpanDroppedEventsCount:
                    span.DroppedEventsCount = reader.ReadUInt32();
                    break;
                case SpanLinks:
                    {
                        var linkReader = reader.ReadMessage(tag);
                        var link = DecodeLink(ref linkReader);
                        if (link is null)
                        {
                            invalidLinks++;
                        }
                        else
                        {
                            _links.Add(link);
                        }

                        break;
                    }

                case SpanDroppedLinksCount:
                    span.DroppedLinksCount = reader.ReadUInt32();
                    break;
                case SpanStatus:
                    {
                        var statusReader = reader.ReadMessage(tag);
                        DecodeStatus(ref statusReader, span);
                        break;
                    }

                case SpanFlags:
                    span.Flags = reader.ReadFixed32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        span.Attributes = PopKeyValues(attributesStart);
        span.Events = PopList(_events, eventsStart);
        span.Links = PopList(_links, linksStart);
        span.DroppedLinksCount += invalidLinks;

        var invalid = Validate(span, traceIdLength, spanIdLength, parentIdLength);
        if (invalid is null)
        {
            batch.Spans.Add(span);
        }
        else
        {
            batch.Reject(1, $"span {spanIndex} ('{span.Name}'): {invalid}");
        }
    }

    private static string? Validate(Span span, int traceIdLength, int spanIdLength, int parentIdLength)
    {
        if (traceIdLength != 16)
        {
            return $"trace id has {traceIdLength} bytes, expected 16";
        }

        if (span.TraceId.IsEmpty)
        {
            return "trace id is all zeros";
        }

        if (spanIdLength != 8)
        {
            return $"span id has {spanIdLength} bytes, expected 8";
        }

        if (span.SpanId.IsEmpty)
        {
            return "span id is all zeros";
        }

        if (parentIdLength is not 0 and not 8)
        {
            return $"parent span id has {parentIdLength} bytes, expected 0 or 8";
        }

        return null;
    }

    private SpanEvent DecodeEvent(ref ProtobufReader reader)
    {
        var attributesStart = _keyValueCount;
        long time = 0;
        var name = string.Empty;
        uint dropped = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case EventTime:
                    time = (long)reader.ReadFixed64();
                    break;
                case EventName:
                    name = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case EventAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case EventDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new SpanEvent(time, name, PopKeyValues(attributesStart), dropped);
    }

    /// <summary>Null when the link's ids are not a valid trace id and span id: such a link is counted as dropped.</summary>
    private SpanLink? DecodeLink(ref ProtobufReader reader)
    {
        var attributesStart = _keyValueCount;
        TraceId traceId = default;
        SpanId spanId = default;
        var traceState = string.Empty;
        uint dropped = 0;
        uint flags = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case LinkTraceId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        traceId = bytes.Length == 16 ? TraceId.FromBytes(bytes) : default;
                        break;
                    }

                case LinkSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        spanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case LinkTraceState:
                    traceState = ReadString(reader.ReadLengthDelimited(tag), _values);
                    break;
                case LinkAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case LinkDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                case LinkFlags:
                    flags = reader.ReadFixed32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        var attributes = PopKeyValues(attributesStart);
        return traceId.IsEmpty || spanId.IsEmpty ? null : new SpanLink(traceId, spanId, traceState, attributes, dropped, flags);
    }

    private void DecodeStatus(ref ProtobufReader reader, Span span)
    {
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case StatusMessage:
                    span.StatusMessage = ReadString(reader.ReadLengthDelimited(tag), _values);
                    break;
                case StatusCodeTag:
                    var code = reader.ReadVarint();
                    span.StatusCode = code <= (ulong)StatusCode.Error ? (StatusCode)code : StatusCode.Unset;
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }
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
            throw new OtlpDecodeException($"attribute value nested deeper than {MaxAnyValueDepth} levels at offset {reader.Offset}");
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

    private static T[] PopList<T>(List<T> list, int start)
    {
        var count = list.Count - start;
        if (count == 0)
        {
            return [];
        }

        var items = CollectionsMarshal.AsSpan(list).Slice(start, count).ToArray();
        list.RemoveRange(start, count);
        return items;
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
