using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
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
internal ref struct OtlpJsonTraceReader
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
        var resource = attributes.Length == 0 && droppedAttributes == 0 && schemaUrl.Length == 0
            ? Resource.Empty
            : new Resource(attributes, droppedAttributes, schemaUrl);
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
            else if (NameIs("schemaUrl"u8, "schema_url"u8))
            {
                schemaUrl = ReadString("schemaUrl");
            }
            else
            {
                _reader.Skip();
            }
        }

        var scope = name.Length == 0 && version.Length == 0 && attributes.Length == 0 && droppedAttributes == 0 && schemaUrl.Length == 0
            ? InstrumentationScope.Empty
            : new InstrumentationScope(name, version, attributes, droppedAttributes, schemaUrl);
        for (var i = firstSpan; i < batch.Spans.Count; i++)
        {
            batch.Spans[i].Scope = scope;
        }
    }

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

    private KeyValue[] ReadAttributes(string field, int depth = 1)
    {
        if (!BeginArray(field))
        {
            return [];
        }

        var attributes = new PooledList<KeyValue>();
        var index = -1;
        while (NextObjectElement(field, ref index))
        {
            attributes.Add(ReadKeyValue(field, depth));
        }

        return attributes.ToArrayAndReturn();
    }

    /// <summary>Reads a KeyValue object; the reader is on its StartObject.</summary>
    private KeyValue ReadKeyValue(string field, int depth)
    {
        var key = string.Empty;
        var value = AnyValue.Empty;
        while (NextProperty())
        {
            if (NameIs("key"u8))
            {
                key = ReadCachedString(field);
            }
            else if (NameIs("value"u8))
            {
                Advance();
                value = ReadAnyValue(field, depth);
            }
            else
            {
                _reader.Skip();
            }
        }

        return new KeyValue(key, value);
    }

    /// <summary>Reads an AnyValue object; the reader is on its first token (null = empty value).</summary>
    private AnyValue ReadAnyValue(string field, int depth)
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return AnyValue.Empty;
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongToken(field, "an AnyValue object");
        }

        if (depth > MaxAnyValueDepth)
        {
            throw Fail($"{field}: attribute values nest deeper than {MaxAnyValueDepth} levels");
        }

        var value = AnyValue.Empty;
        while (NextProperty())
        {
            if (NameIs("stringValue"u8, "string_value"u8))
            {
                Advance();
                if (_reader.TokenType != JsonTokenType.Null)
                {
                    value = AnyValue.FromString(CurrentString(field));
                }
            }
            else if (NameIs("intValue"u8, "int_value"u8))
            {
                Advance();
                if (_reader.TokenType != JsonTokenType.Null)
                {
                    value = AnyValue.FromInt(CurrentInt64(field));
                }
            }
            else if (NameIs("boolValue"u8, "bool_value"u8))
            {
                Advance();
                if (_reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    value = AnyValue.FromBool(_reader.TokenType == JsonTokenType.True);
                }
                else if (_reader.TokenType != JsonTokenType.Null)
                {
                    throw WrongToken(field, "true or false");
                }
            }
            else if (NameIs("doubleValue"u8, "double_value"u8))
            {
                Advance();
                if (_reader.TokenType != JsonTokenType.Null)
                {
                    value = AnyValue.FromDouble(CurrentDouble(field));
                }
            }
            else if (NameIs("arrayValue"u8, "array_value"u8))
            {
                if (BeginObject(field))
                {
                    value = AnyValue.FromArray(ReadArrayValue(field, depth));
                }
            }
            else if (NameIs("kvlistValue"u8, "kvlist_value"u8))
            {
                if (BeginObject(field))
                {
                    value = AnyValue.FromKeyValueList(ReadKeyValueList(field, depth));
                }
            }
            else if (NameIs("bytesValue"u8, "bytes_value"u8))
            {
                Advance();
                if (_reader.TokenType != JsonTokenType.Null)
                {
                    value = AnyValue.FromBytes(CurrentBase64(field));
                }
            }
            else
            {
                _reader.Skip();
            }
        }

        return value;
    }

    /// <summary>Reads <c>{"values":[AnyValue...]}</c>; the reader is on its StartObject.</summary>
    private AnyValue[] ReadArrayValue(string field, int depth)
    {
        AnyValue[] result = [];
        while (NextProperty())
        {
            if (!NameIs("values"u8))
            {
                _reader.Skip();
                continue;
            }

            if (!BeginArray(field))
            {
                continue;
            }

            var values = new PooledList<AnyValue>();
            while (true)
            {
                Advance();
                if (_reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                values.Add(ReadAnyValue(field, depth + 1));
            }

            result = values.ToArrayAndReturn();
        }

        return result;
    }

    /// <summary>Reads <c>{"values":[KeyValue...]}</c>; the reader is on its StartObject.</summary>
    private KeyValue[] ReadKeyValueList(string field, int depth)
    {
        KeyValue[] result = [];
        while (NextProperty())
        {
            if (NameIs("values"u8))
            {
                result = ReadAttributes(field, depth + 1);
            }
            else
            {
                _reader.Skip();
            }
        }

        return result;
    }

    private TraceId ReadTraceId(string field)
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a hex string");
        }

        Span<byte> scratch = stackalloc byte[ScratchLength];
        var hex = CurrentBytes(scratch);
        if (RawLength > ScratchLength || hex.Length != 32 || !TryParseHex(hex[..16], out var high) || !TryParseHex(hex[16..], out var low))
        {
            _spanProblem ??= $"{field} must be 32 hex digits";
            return default;
        }

        return new TraceId(high, low);
    }

    private SpanId ReadSpanId(string field, bool allowEmpty)
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a hex string");
        }

        Span<byte> scratch = stackalloc byte[ScratchLength];
        var hex = CurrentBytes(scratch);
        if (hex.IsEmpty && allowEmpty && RawLength == 0)
        {
            return default;
        }

        if (hex.Length != 16 || !TryParseHex(hex, out var value))
        {
            _spanProblem ??= $"{field} must be 16 hex digits";
            return default;
        }

        return new SpanId(value);
    }

    private SpanKind ReadSpanKind()
    {
        Advance();
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return SpanKind.Unspecified;
            case JsonTokenType.Number:
                return _reader.TryGetInt32(out var number) && number is >= 0 and <= (int)SpanKind.Consumer
                    ? (SpanKind)number
                    : SpanKind.Unspecified;
            case JsonTokenType.String:
                return _reader.ValueTextEquals("SPAN_KIND_INTERNAL"u8) ? SpanKind.Internal
                    : _reader.ValueTextEquals("SPAN_KIND_SERVER"u8) ? SpanKind.Server
                    : _reader.ValueTextEquals("SPAN_KIND_CLIENT"u8) ? SpanKind.Client
                    : _reader.ValueTextEquals("SPAN_KIND_PRODUCER"u8) ? SpanKind.Producer
                    : _reader.ValueTextEquals("SPAN_KIND_CONSUMER"u8) ? SpanKind.Consumer
                    : SpanKind.Unspecified;
            default:
                throw WrongToken("kind", "an enum number or name");
        }
    }

    private StatusCode ReadStatusCode()
    {
        Advance();
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return StatusCode.Unset;
            case JsonTokenType.Number:
                return _reader.TryGetInt32(out var number) && number is >= 0 and <= (int)StatusCode.Error
                    ? (StatusCode)number
                    : StatusCode.Unset;
            case JsonTokenType.String:
                return _reader.ValueTextEquals("STATUS_CODE_OK"u8) ? StatusCode.Ok
                    : _reader.ValueTextEquals("STATUS_CODE_ERROR"u8) ? StatusCode.Error
                    : StatusCode.Unset;
            default:
                throw WrongToken("status.code", "an enum number or name");
        }
    }

    private string ReadString(string field)
    {
        Advance();
        return _reader.TokenType == JsonTokenType.Null ? string.Empty : CurrentString(field);
    }

    /// <summary>A string value that tends to repeat (keys, names): served from <see cref="Utf8StringCache"/>.</summary>
    private string ReadCachedString(string field)
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return string.Empty;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a string");
        }

        if (!_reader.HasValueSequence && !_reader.ValueIsEscaped)
        {
            return Cached(_reader.ValueSpan, field);
        }

        if (RawLength > Utf8StringCache.MaxLength)
        {
            return CurrentString(field);
        }

        Span<byte> scratch = stackalloc byte[Utf8StringCache.MaxLength];
        var length = _reader.CopyString(scratch);
        return Cached(scratch[..length], field);
    }

    private readonly string Cached(scoped ReadOnlySpan<byte> utf8, string field) =>
        Utf8StringCache.Shared.TryGet(utf8, out var value) ? value : throw Fail($"{field}: the string is not valid UTF-8");

    private string CurrentString(string field)
    {
        if (_reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a string");
        }

        return _reader.GetString()!;
    }

    private uint ReadUInt32(string field)
    {
        Advance();
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number when _reader.TryGetUInt32(out var number):
                return number;
            case JsonTokenType.String:
                Span<byte> scratch = stackalloc byte[ScratchLength];
                if (uint.TryParse(CurrentBytes(scratch), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw WrongToken(field, "an unsigned 32-bit integer");
    }

    /// <summary>fixed64 nanoseconds; the model keeps them as <see cref="long"/> (good until the year 2262).</summary>
    private long ReadUnixNano(string field)
    {
        Advance();
        ulong value;
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return 0;
            case JsonTokenType.Number when _reader.TryGetUInt64(out value):
                break;
            case JsonTokenType.String:
                Span<byte> scratch = stackalloc byte[ScratchLength];
                if (!ulong.TryParse(CurrentBytes(scratch), NumberStyles.None, CultureInfo.InvariantCulture, out value))
                {
                    throw WrongToken(field, "an unsigned 64-bit integer");
                }

                break;
            default:
                throw WrongToken(field, "an unsigned 64-bit integer");
        }

        return value <= long.MaxValue ? (long)value : throw Fail($"{field}: {value} is beyond the supported time range");
    }

    private long CurrentInt64(string field)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Number when _reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String:
                Span<byte> scratch = stackalloc byte[ScratchLength];
                if (long.TryParse(CurrentBytes(scratch), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw WrongToken(field, "a 64-bit integer (intValue)");
    }

    private double CurrentDouble(string field)
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Number when _reader.TryGetDouble(out var number):
                return number;
            case JsonTokenType.String:
                // Proto3 JSON spells the non-finite values "NaN", "Infinity" and "-Infinity",
                // which the invariant culture parses; numbers in quotes are accepted as well.
                Span<byte> scratch = stackalloc byte[ScratchLength];
                if (double.TryParse(CurrentBytes(scratch), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw WrongToken(field, "a number (doubleValue)");
    }

    private byte[] CurrentBase64(string field)
    {
        if (_reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a base64 string (bytesValue)");
        }

        if (_reader.TryGetBytesFromBase64(out var bytes))
        {
            return bytes;
        }

        // Proto3 JSON parsers accept the URL-safe alphabet too (with or without padding).
        var text = _reader.GetString()!;
        return Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : throw Fail($"{field}: bytesValue is not valid base64");
    }

    /// <summary>
    /// The current string token's unescaped UTF-8 bytes: the input itself when possible, else a copy
    /// in <paramref name="scratch"/>; empty when the value is longer than the scratch (callers that
    /// give empty a meaning check <see cref="RawLength"/> first).
    /// </summary>
    private readonly ReadOnlySpan<byte> CurrentBytes(Span<byte> scratch)
    {
        if (RawLength > scratch.Length)
        {
            return default;
        }

        if (!_reader.HasValueSequence && !_reader.ValueIsEscaped)
        {
            return _reader.ValueSpan;
        }

        var length = _reader.CopyString(scratch);
        return scratch[..length];
    }

    private readonly long RawLength => _reader.HasValueSequence ? _reader.ValueSequence.Length : _reader.ValueSpan.Length;

    private static bool TryParseHex(ReadOnlySpan<byte> hex, out ulong value)
    {
        value = 0;
        foreach (var c in hex)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }

    private readonly bool NameIs(ReadOnlySpan<byte> name) => _reader.ValueTextEquals(name);

    private readonly bool NameIs(ReadOnlySpan<byte> camelCase, ReadOnlySpan<byte> snakeCase) =>
        _reader.ValueTextEquals(camelCase) || _reader.ValueTextEquals(snakeCase);

    private void Advance()
    {
        if (!_reader.Read())
        {
            throw Fail("the payload ends in the middle of the request");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private bool NextProperty()
    {
        Advance();
        return _reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Moves to a field's value, which must be an array or null; true for an array.</summary>
    private bool BeginArray(string field)
    {
        Advance();
        return _reader.TokenType switch
        {
            JsonTokenType.StartArray => true,
            JsonTokenType.Null => false,
            _ => throw WrongToken(field, "an array"),
        };
    }

    /// <summary>Moves to a field's value, which must be an object or null; true for an object.</summary>
    private bool BeginObject(string field)
    {
        Advance();
        return _reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw WrongToken(field, "an object"),
        };
    }

    /// <summary>Moves to the next object of an array, skipping null elements; false at the array's end.</summary>
    private bool NextObjectElement(string field, ref int index)
    {
        while (true)
        {
            Advance();
            switch (_reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    return false;
                case JsonTokenType.Null:
                    index++;
                    continue;
                case JsonTokenType.StartObject:
                    index++;
                    return true;
                default:
                    throw WrongToken(field, "an array of objects");
            }
        }
    }

    private readonly OtlpDecodeException WrongToken(string field, string expected) =>
        Fail($"{field} must be {expected}, not {_reader.TokenType}");

    private readonly OtlpDecodeException Fail(string reason) =>
        new($"Invalid OTLP/JSON at {Where()} (byte {_reader.TokenStartIndex}): {reason}");

    /// <summary>The JSON path of the span (or block) being read, e.g. <c>resourceSpans[0].scopeSpans[1].spans[3]</c>.</summary>
    private readonly string Where()
    {
        if (_resourceIndex < 0)
        {
            return "the request";
        }

        var where = $"resourceSpans[{_resourceIndex}]";
        if (_scopeIndex >= 0)
        {
            where += $".scopeSpans[{_scopeIndex}]";
            if (_spanIndex >= 0)
            {
                where += $".spans[{_spanIndex}]";
            }
        }

        return where;
    }
}
