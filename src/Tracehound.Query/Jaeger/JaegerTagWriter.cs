using System.Text.Json;
using Tracehound.Model;

namespace Tracehound.Query.Jaeger;

/// <summary>
/// Writes Jaeger JSON key-values (<c>{"key","type","value"}</c>) the way Jaeger v2 converts OTLP
/// attributes: strings, bools, int64 and float64 as themselves, bytes as <c>binary</c> (base64),
/// arrays and key-value lists as <c>string</c> holding their JSON.
/// </summary>
internal static class JaegerTagWriter
{
    public static void Write(Utf8JsonWriter writer, string key, AnyValue value)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        switch (value.Type)
        {
            case AnyValueType.Bool:
                writer.WriteString("type", "bool");
                writer.WriteBoolean("value", value.AsBool());
                break;
            case AnyValueType.Int:
                writer.WriteString("type", "int64");
                writer.WriteNumber("value", value.AsInt());
                break;
            case AnyValueType.Double:
                writer.WriteString("type", "float64");
                var d = value.AsDouble();
                if (double.IsFinite(d))
                {
                    writer.WriteNumber("value", d);
                }
                else
                {
                    // JSON has no NaN or infinities; Jaeger UI shows the text.
                    writer.WriteString("value", value.ToString());
                }

                break;
            case AnyValueType.Bytes:
                writer.WriteString("type", "binary");
                writer.WriteBase64String("value", value.AsBytes());
                break;
            default:
                // String, Empty (""), Array and KeyValueList (their JSON text).
                writer.WriteString("type", "string");
                writer.WriteString("value", value.ToString());
                break;
        }

        writer.WriteEndObject();
    }

    public static void WriteString(Utf8JsonWriter writer, string key, string value) => Write(writer, key, AnyValue.FromString(value));

    public static void WriteBool(Utf8JsonWriter writer, string key, bool value) => Write(writer, key, AnyValue.FromBool(value));
}
