using System.Text.Json;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>Moving through the token stream, checking token types, and saying where a problem is.</summary>
internal ref partial struct OtlpJsonTraceReader
{
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
