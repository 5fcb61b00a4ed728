using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tracehound.Model;

/// <summary>
/// Writes attribute values as plain JSON: strings, booleans and numbers as themselves, arrays as
/// arrays, key-value lists as objects, bytes as base64 strings. Used wherever a value must be shown
/// as text (Jaeger tags, tag search); the store keeps the typed form.
/// </summary>
public static class AnyValueJson
{
    public static string ToJson(AnyValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, AnyValue value)
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
                var d = value.AsDouble();
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(value.ToString());
                }

                break;
            case AnyValueType.Bytes:
                writer.WriteBase64StringValue(value.AsBytes());
                break;
            case AnyValueType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AnyValueType.KeyValueList:
                writer.WriteStartObject();
                foreach (var kv in value.AsKeyValueList())
                {
                    writer.WritePropertyName(kv.Key);
                    Write(writer, kv.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
