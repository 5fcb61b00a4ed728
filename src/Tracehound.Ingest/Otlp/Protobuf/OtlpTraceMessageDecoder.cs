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
    public const int MaxAnyValueDepth = OtlpAttributeDecoder.MaxAnyValueDepth;

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

    private const uint ScopeSpansScope = (1 << 3) | Len;
    private const uint ScopeSpansSpans = (2 << 3) | Len;
    private const uint ScopeSpansSchemaUrl = (3 << 3) | Len;

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

    private readonly OtlpAttributeDecoder _attributes;
    private readonly List<SpanEvent> _events = [];
    private readonly List<SpanLink> _links = [];

    /// <param name="names">Cache for keys and names; null to allocate every string.</param>
    /// <param name="values">Cache for string values; null to allocate every string.</param>
    public OtlpTraceMessageDecoder(Utf8StringCache? names, Utf8StringCache? values)
    {
        _attributes = new OtlpAttributeDecoder(names, values);
    }

    public SpanBatch Decode(ReadOnlySpan<byte> payload)
    {
        _attributes.Reset();
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
            _attributes.Release();
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
                    schemaUrl = OtlpAttributeDecoder.ReadString(scan.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var resource = hasResource
            ? _attributes.DecodeResource(ref resourceReader, schemaUrl)
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
                    schemaUrl = OtlpAttributeDecoder.ReadString(scan.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                default:
                    scan.SkipField(tag);
                    break;
            }
        }

        var scope = hasScope
            ? _attributes.DecodeScope(ref scopeReader, schemaUrl)
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

    private void DecodeSpan(ref ProtobufReader reader, Resource resource, InstrumentationScope scope, SpanBatch batch, int spanIndex)
    {
        var span = new Span { Resource = resource, Scope = scope };
        var attributesStart = _attributes.KeyValueCount;
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
                    span.TraceState = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Values);
                    break;
                case SpanParentSpanId:
                    {
                        var bytes = reader.ReadLengthDelimited(tag);
                        parentIdLength = bytes.Length;
                        span.ParentSpanId = bytes.Length == 8 ? SpanId.FromBytes(bytes) : default;
                        break;
                    }

                case SpanName:
                    span.Name = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Names);
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
                    _attributes.PushKeyValue(ref reader, tag, 0);
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

        span.Attributes = _attributes.PopKeyValues(attributesStart);
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
        var attributesStart = _attributes.KeyValueCount;
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
                    name = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Names);
                    break;
                case EventAttributes:
                    _attributes.PushKeyValue(ref reader, tag, 0);
                    break;
                case EventDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new SpanEvent(time, name, _attributes.PopKeyValues(attributesStart), dropped);
    }

    /// <summary>Null when the link's ids are not a valid trace id and span id: such a link is counted as dropped.</summary>
    private SpanLink? DecodeLink(ref ProtobufReader reader)
    {
        var attributesStart = _attributes.KeyValueCount;
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
                    traceState = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Values);
                    break;
                case LinkAttributes:
                    _attributes.PushKeyValue(ref reader, tag, 0);
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

        var attributes = _attributes.PopKeyValues(attributesStart);
        return traceId.IsEmpty || spanId.IsEmpty ? null : new SpanLink(traceId, spanId, traceState, attributes, dropped, flags);
    }

    private void DecodeStatus(ref ProtobufReader reader, Span span)
    {
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case StatusMessage:
                    span.StatusMessage = OtlpAttributeDecoder.ReadString(reader.ReadLengthDelimited(tag), _attributes.Values);
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

}
