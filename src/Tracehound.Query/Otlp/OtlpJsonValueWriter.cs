using System.Globalization;
using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Query.Otlp;

/// <summary>
/// OTLP/JSON attribute values (protobuf JSON mapping): <c>{"stringValue"}</c>, <c>{"intValue":"42"}</c>
/// (64-bit integers as strings), <c>{"doubleValue"}</c>, <c>{"bytesValue":base64}</c>,
/// <c>{"arrayValue":{"values":[...]}}</c>, <c>{"kvlistValue":{"values":[...]}}</c>, empty as <c>{}</c>.
/// </summary>
internal static class OtlpJsonValueWriter
{
    public static void WriteAttributes(Utf8JsonWriter writer, KeyValue[] attributes)
    {
        if (attributes.Length == 0)
        {
            return;
        }

        writer.WriteStartArray("attributes");
        WriteKeyValues(writer, attributes);
        writer.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter writer, AnyValue value)
    {
        writer.WriteStartObject();
        switch (value.Type)
        {
            case AnyValueType.String:
                writer.WriteString("stringValue", value.AsString());
                break;
            case AnyValueType.Bool:
                writer.WriteBoolean("boolValue", value.AsBool());
                break;
            case AnyValueType.Int:
                writer.WriteString("intValue", value.AsInt().ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValueType.Double:
                WriteDouble(writer, "doubleValue", value.AsDouble());
                break;
            case AnyValueType.Bytes:
                writer.WriteBase64String("bytesValue", value.AsBytes());
                break;
            case AnyValueType.Array:
                writer.WriteStartObject("arrayValue");
                writer.WriteStartArray("values");
                foreach (var item in value.AsArray())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case AnyValueType.KeyValueList:
                writer.WriteStartObject("kvlistValue");
                writer.WriteStartArray("values");
                WriteKeyValues(writer, value.AsKeyValueList());
                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Protobuf JSON writes non-finite doubles as the strings NaN, Infinity, -Infinity.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteKeyValues(Utf8JsonWriter writer, KeyValue[] attributes)
    {
        foreach (var kv in attributes)
        {
            writer.WriteStartObject();
            writer.WriteString("key", kv.Key);
            writer.WritePropertyName("value");
            WriteValue(writer, kv.Value);
            writer.WriteEndObject();
        }
    }
}
