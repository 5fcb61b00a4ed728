using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Storage.Embedded;

/// <summary>
/// The lossless JSON form of attribute values the store keeps. Plain where JSON can say it, so SQL
/// can filter with <c>json_extract_string</c>: strings, booleans, integers, arrays and key-value
/// lists (objects) as themselves; doubles always with a '.' or an exponent so they read back as
/// doubles. What plain JSON cannot hold is wrapped in a one-property object: bytes as
/// <c>{"$b":"base64"}</c>, non-finite doubles as <c>{"$d":"NaN"}</c>, and a key-value list whose
/// first key is one of those markers as <c>{"$kv":{...}}</c>, so a real list never reads back as a marker.
/// </summary>
internal static class TypedJson
{
    private const string BytesMarker = "$b";
    private const string DoubleMarker = "$d";
    private const string ListMarker = "$kv";

    /// <summary>Keeps non-ASCII text as UTF-8 (smaller than \u escapes, and what tag search expects to find).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public static JsonReaderOptions ReadOptions => ReaderOptions;

    /// <summary>Writes attributes as one JSON object, keys in order (duplicates kept).</summary>
    public static void WriteAttributes(Utf8JsonWriter writer, KeyValue[] attributes)
    {
        writer.WriteStartObject();
        foreach (var kv in attributes)
        {
            writer.WritePropertyName(kv.Key);
            WriteValue(writer, kv.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, AnyValue value)
    {
        switch (value.Type)
        {
            case AnyValueType.String:
                writer.WriteStringValue(value.AsString());
                break;
            case AnyValueType.Bool:
                writer.WriteBooleanValue(value.AsBool());
                break;
            case AnyValueType.Int:
                writer.WriteNumberValue(value.AsInt());
                break;
            case AnyValueType.Double:
                WriteDouble(writer, value.AsDouble());
                break;
            case AnyValueType.Bytes:
                writer.WriteStartObject();
                writer.WriteBase64String(BytesMarker, value.AsBytes());
                writer.WriteEndObject();
                break;
            case AnyValueType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AnyValueType.KeyValueList:
                var list = value.AsKeyValueList();
                if (list.Length > 0 && IsMarker(list[0].Key))
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName(ListMarker);
                    WriteAttributes(writer, list);
                    writer.WriteEndObject();
                }
                else
                {
                    WriteAttributes(writer, list);
                }

                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// The JSON number text a finite double is stored as: the shortest round-trip form, with ".0"
    /// added when that form looks like an integer.
    /// </summary>
    public static string DoubleText(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    /// <summary>Reads an object written by <see cref="WriteAttributes"/>; the reader is on its StartObject.</summary>
    public static KeyValue[] ReadAttributes(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, "an object of attributes");
        var list = new List<KeyValue>();
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            Next(ref reader);
            list.Add(new KeyValue(key, ReadValue(ref reader)));
        }

        return [.. list];
    }

    /// <summary>Reads one value; the reader is on its first token and ends on its last.</summary>
    public static AnyValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return AnyValue.FromString(reader.GetString()!);
            case JsonTokenType.True:
                return AnyValue.FromBool(true);
            case JsonTokenType.False:
                return AnyValue.FromBool(false);
            case JsonTokenType.Null:
                return AnyValue.Empty;
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
                {
                    return AnyValue.FromDouble(reader.GetDouble());
                }

                return AnyValue.FromInt(reader.GetInt64());
            case JsonTokenType.StartArray:
                var items = new List<AnyValue>();
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return AnyValue.FromArray([.. items]);
            case JsonTokenType.StartObject:
                return ReadObjectValue(ref reader);
            default:
                throw new FormatException($"Unexpected JSON token {reader.TokenType} in stored attributes.");
        }
    }

    private static AnyValue ReadObjectValue(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) == JsonTokenType.EndObject)
        {
            return AnyValue.FromKeyValueList([]);
        }

        var firstKey = reader.GetString()!;
        Next(ref reader);
        if (IsMarker(firstKey))
        {
            AnyValue marked;
            if (firstKey == ListMarker)
            {
                marked = AnyValue.FromKeyValueList(ReadAttributes(ref reader));
            }
            else
            {
                Expect(reader.TokenType == JsonTokenType.String, "a string after a type marker");
                marked = firstKey == BytesMarker
                    ? AnyValue.FromBytes(reader.GetBytesFromBase64())
                    : AnyValue.FromDouble(double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            Expect(Next(ref reader) == JsonTokenType.EndObject, "one property in a type marker");
            return marked;
        }

        var list = new List<KeyValue> { new(firstKey, ReadValue(ref reader)) };
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            Next(ref reader);
            list.Add(new KeyValue(key, ReadValue(ref reader)));
        }

        return AnyValue.FromKeyValueList([.. list]);
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(DoubleText(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString(DoubleMarker, value.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
    }

    private static bool IsMarker(string key) => key is BytesMarker or DoubleMarker or ListMarker;

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new FormatException("Stored JSON ended early.");
        }

        return reader.TokenType;
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new FormatException($"Stored JSON does not hold {what}.");
        }
    }
}
