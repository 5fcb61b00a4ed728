using System.Buffers;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>
/// Walks one OTLP/JSON <c>ExportTraceServiceRequest</c> token by token and builds the spans as it
/// goes. Proto3 JSON mapping as OTLP uses it: lowerCamelCase names (snake_case accepted too), hex
/// ids, enums as integers (names accepted), 64-bit integers as strings or numbers, null = absent,
/// unknown fields skipped whole. Structural problems throw <see cref="OtlpDecodeException"/>; a span
/// with bad ids is only rejected (partial success).
/// </summary>
internal ref partial struct OtlpJsonTraceReader
{
    /// <summary>How deep attribute values (arrays, key-value lists) may nest.</summary>
    public const int MaxAnyValueDepth = 32;

    /// <summary>
    /// JSON nesting limit: the request structure takes about 12 levels and each attribute nesting
    /// level up to 4, so this leaves room for <see cref="MaxAnyValueDepth"/> and nothing absurd.
    /// </summary>
    public const int MaxJsonDepth = 160;

    // Scratch size for values parsed from their text (ids, numbers in strings); anything longer is invalid anyway.
    private const int ScratchLength = 64;

    private Utf8JsonReader _reader;

    // Where we are, for error messages: indexes into resourceSpans / scopeSpans / spans, -1 = outside.
    private int _resourceIndex;
    private int _scopeIndex;
    private int _spanIndex;

    // The first id problem of the span being read; the span is rejected when set.
    private string? _spanProblem;

    public OtlpJsonTraceReader(ReadOnlySequence<byte> payload)
    {
        _reader = new Utf8JsonReader(payload, new JsonReaderOptions
        {
            MaxDepth = MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        _resourceIndex = -1;
        _scopeIndex = -1;
        _spanIndex = -1;
    }

    public void ReadRequest(SpanBatch batch)
    {
        Advance();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongToken("the request", "an object");
        }

        while (NextProperty())
        {
            if (NameIs("resourceSpans"u8, "resource_spans"u8))
            {
                if (BeginArray("resourceSpans"))
                {
                    while (NextObjectElement("resourceSpans", ref _resourceIndex))
                    {
                        ReadResourceSpans(batch);
                    }
                }

                _resourceIndex = -1;
            }
            else
            {
                _reader.Skip();
            }
        }

        if (_reader.Read())
        {
            throw Fail("unexpected data after the request object");
        }
    }

    private void ReadResourceSpans(SpanBatch batch)
    {
        var firstSpan = batch.Spans.Count;
        KeyValue[] attributes = [];
        uint droppedAttributes = 0;
        var schemaUrl = string.Empty;

        while (NextProperty())
        {
            if (NameIs("scopeSpans"u8, "scope_spans"u8))
            {
                if (BeginArray("scopeSpans"))
                {
                    while (NextObjectElement("scopeSpans", ref _scopeIndex))
                    {
                        ReadScopeSpans(batch);
                    }
                }

                _scopeIndex = -1;
            }
            else if (NameIs("resource"u8))
            {
                ReadResourceObject(ref attributes, ref droppedAttributes);
            }
            else if (NameIs("schemaUrl"u8, "schema_url"u8))
            {
                schemaUrl = ReadString("schemaUrl");
            }
            else
            {
                _reader.Skip();
            }
        }

        // Fields may come in any order, so the resource is attached once the block is complete.
        var resource = MakeResource(attributes, droppedAttributes, schemaUrl);
        for (var i = firstSpan; i < batch.Spans.Count; i++)
        {
            batch.Spans[i].Resource = resource;
        }
    }

    private void ReadScopeSpans(SpanBatch batch)
    {
        var firstSpan = batch.Spans.Count;
        var name = string.Empty;
        var version = string.Empty;
        KeyValue[] attributes = [];
        uint droppedAttributes = 0;
        var schemaUrl = string.Empty;

        while (NextProperty())
        {
            if (NameIs("spans"u8))
            {
                if (BeginArray("spans"))
                {
                    while (NextObjectElement("spans", ref _spanIndex))
                    {
                        ReadSpan(batch);
                    }
                }

                _spanIndex = -1;
            }
            else if (NameIs("scope"u8))
            {
                ReadScopeObject(ref name, ref version, ref attributes, ref droppedAttributes);
            }
            else if (NameIs("schemaUrl"u8, "schema_url"u8))
            {
                schemaUrl = ReadString("schemaUrl");
            }
            else
            {
                _reader.Skip();
            }
        }

        var scope = MakeScope(name, version, attributes, droppedAttributes, schemaUrl);
        for (var i = firstSpan; i < batch.Spans.Count; i++)
        {
            batch.Spans[i].Scope = scope;
        }
    }

    /// <summary>The body of a <c>resource</c> object (shared by every signal's ResourceX block).</summary>
    private void ReadResourceObject(ref KeyValue[] attributes, ref uint droppedAttributes)
    {
        if (BeginObject("resource"))
        {
            while (NextProperty())
            {
                if (NameIs("attributes"u8))
                {
                    attributes = ReadAttributes("resource.attributes");
                }
                else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
                {
                    droppedAttributes = ReadUInt32("resource.droppedAttributesCount");
                }
                else
                {
                    _reader.Skip();
                }
            }
        }
    }

    /// <summary>The body of a <c>scope</c> object (shared by every signal's ScopeX block).</summary>
    private void ReadScopeObject(ref string name, ref string version, ref KeyValue[] attributes, ref uint droppedAttributes)
    {
        if (BeginObject("scope"))
        {
            while (NextProperty())
            {
                if (NameIs("name"u8))
                {
                    name = ReadString("scope.name");
                }
                else if (NameIs("version"u8))
                {
                    version = ReadString("scope.version");
                }
                else if (NameIs("attributes"u8))
                {
                    attributes = ReadAttributes("scope.attributes");
                }
                else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
                {
                    droppedAttributes = ReadUInt32("scope.droppedAttributesCount");
                }
                else
                {
                    _reader.Skip();
                }
            }
        }
    }

    private static Resource MakeResource(KeyValue[] attributes, uint droppedAttributes, string schemaUrl) =>
        attributes.Length == 0 && droppedAttributes == 0 && schemaUrl.Length == 0
            ? Resource.Empty
            : new Resource(attributes, droppedAttributes, schemaUrl);

    private static InstrumentationScope MakeScope(string name, string version, KeyValue[] attributes, uint droppedAttributes, string schemaUrl) =>
        name.Length == 0 && version.Length == 0 && attributes.Length == 0 && droppedAttributes == 0 && schemaUrl.Length == 0
            ? InstrumentationScope.Empty
            : new InstrumentationScope(name, version, attributes, droppedAttributes, schemaUrl);

    private void ReadSpan(SpanBatch batch)
    {
        var span = new Span();
        _spanProblem = null;

        while (NextProperty())
        {
            if (NameIs("traceId"u8, "trace_id"u8))
            {
                span.TraceId = ReadTraceId("traceId");
            }
            else if (NameIs("spanId"u8, "span_id"u8))
            {
                span.SpanId = ReadSpanId("spanId", allowEmpty: false);
            }
            else if (NameIs("parentSpanId"u8, "parent_span_id"u8))
            {
                span.ParentSpanId = ReadSpanId("parentSpanId", allowEmpty: true);
            }
            else if (NameIs("name"u8))
            {
                span.Name = ReadCachedString("name");
            }
            else if (NameIs("kind"u8))
            {
                span.Kind = ReadSpanKind();
            }
            else if (NameIs("startTimeUnixNano"u8, "start_time_unix_nano"u8))
            {
                span.StartTimeUnixNano = ReadUnixNano("startTimeUnixNano");
            }
            else if (NameIs("endTimeUnixNano"u8, "end_time_unix_nano"u8))
            {
                span.EndTimeUnixNano = ReadUnixNano("endTimeUnixNano");
            }
            else if (NameIs("attributes"u8))
            {
                span.Attributes = ReadAttributes("attributes");
            }
            else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
            {
                span.DroppedAttributesCount = ReadUInt32("droppedAttributesCount");
            }
            else if (NameIs("events"u8))
            {
                span.Events = ReadEvents();
            }
            else if (NameIs("droppedEventsCount"u8, "dropped_events_count"u8))
            {
                span.DroppedEventsCount = ReadUInt32("droppedEventsCount");
            }
            else if (NameIs("status"u8))
            {
                ReadStatus(span);
            }
            else if (NameIs("links"u8))
            {
                span.Links = ReadLinks();
            }
            else if (NameIs("droppedLinksCount"u8, "dropped_links_count"u8))
            {
                span.DroppedLinksCount = ReadUInt32("droppedLinksCount");
            }
            else if (NameIs("flags"u8))
            {
                span.Flags = ReadUInt32("flags");
            }
            else if (NameIs("traceState"u8, "trace_state"u8))
            {
                span.TraceState = ReadString("traceState");
            }
            else
            {
                _reader.Skip();
            }
        }

        if (_spanProblem is null && span.TraceId.IsEmpty)
        {
            _spanProblem = "traceId is missing or all zeros";
        }

        if (_spanProblem is null && span.SpanId.IsEmpty)
        {
            _spanProblem = "spanId is missing or all zeros";
        }

        if (_spanProblem is not null)
        {
            batch.Reject(1, $"{Where()}: {_spanProblem}");
            _spanProblem = null;
            return;
        }

        batch.Spans.Add(span);
    }

    private void ReadStatus(Span span)
    {
        if (!BeginObject("status"))
        {
            return;
        }

        while (NextProperty())
        {
            if (NameIs("code"u8))
            {
                span.StatusCode = ReadStatusCode();
            }
            else if (NameIs("message"u8))
            {
                span.StatusMessage = ReadString("status.message");
            }
            else
            {
                _reader.Skip();
            }
        }
    }

    private SpanEvent[] ReadEvents()
    {
        if (!BeginArray("events"))
        {
            return [];
        }

        var events = new PooledList<SpanEvent>();
        var index = -1;
        while (NextObjectElement("events", ref index))
        {
            long time = 0;
            var name = string.Empty;
            KeyValue[] attributes = [];
            uint droppedAttributes = 0;
            while (NextProperty())
            {
                if (NameIs("timeUnixNano"u8, "time_unix_nano"u8))
                {
                    time = ReadUnixNano("events.timeUnixNano");
                }
                else if (NameIs("name"u8))
                {
                    name = ReadCachedString("events.name");
                }
                else if (NameIs("attributes"u8))
                {
                    attributes = ReadAttributes("events.attributes");
                }
                else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
                {
                    droppedAttributes = ReadUInt32("events.droppedAttributesCount");
                }
                else
                {
                    _reader.Skip();
                }
            }

            events.Add(new SpanEvent(time, name, attributes, droppedAttributes));
        }

        return events.ToArrayAndReturn();
    }

    private SpanLink[] ReadLinks()
    {
        if (!BeginArray("links"))
        {
            return [];
        }

        var links = new PooledList<SpanLink>();
        var index = -1;
        while (NextObjectElement("links", ref index))
        {
            TraceId traceId = default;
            SpanId spanId = default;
            var traceState = string.Empty;
            KeyValue[] attributes = [];
            uint droppedAttributes = 0;
            uint flags = 0;
            while (NextProperty())
            {
                if (NameIs("traceId"u8, "trace_id"u8))
                {
                    traceId = ReadTraceId("links.traceId");
                }
                else if (NameIs("spanId"u8, "span_id"u8))
                {
                    spanId = ReadSpanId("links.spanId", allowEmpty: false);
                }
                else if (NameIs("traceState"u8, "trace_state"u8))
                {
                    traceState = ReadString("links.traceState");
                }
                else if (NameIs("attributes"u8))
                {
                    attributes = ReadAttributes("links.attributes");
                }
                else if (NameIs("droppedAttributesCount"u8, "dropped_attributes_count"u8))
                {
                    droppedAttributes = ReadUInt32("links.droppedAttributesCount");
                }
                else if (NameIs("flags"u8))
                {
                    flags = ReadUInt32("links.flags");
                }
                else
                {
                    _reader.Skip();
                }
            }

            // A link that points nowhere is as broken as a span without ids: the span is rejected.
            if (traceId.IsEmpty || spanId.IsEmpty)
            {
                _spanProblem ??= $"links[{index}] has a missing or all-zero traceId or spanId";
            }

            links.Add(new SpanLink(traceId, spanId, traceState, attributes, droppedAttributes, flags));
        }

        return links.ToArrayAndReturn();
    }
}
