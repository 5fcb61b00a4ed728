using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Tracehound.Model;

using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Values: attributes (AnyValue), ids, enums, strings and numbers in their proto3 JSON spellings.</summary>
internal ref partial struct OtlpJsonTraceReader
{
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

        if (RawLength > Utf8StringCache.MaxCachedLength)
        {
            return CurrentString(field);
        }

        Span<byte> scratch = stackalloc byte[Utf8StringCache.MaxCachedLength];
        var length = _reader.CopyString(scratch);
        return Cached(scratch[..length], field);
    }

    private readonly string Cached(scoped ReadOnlySpan<byte> utf8, string field) =>
        System.Text.Unicode.Utf8.IsValid(utf8) ? Utf8StringCache.Names.GetOrAdd(utf8) : throw Fail($"{field}: the string is not valid UTF-8");

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
}
