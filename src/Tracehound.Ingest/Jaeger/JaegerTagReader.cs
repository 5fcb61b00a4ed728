using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Model;

namespace Tracehound.Ingest.Jaeger;

/// <summary>Reads Jaeger <c>Tag</c>s (typed key/values) into attributes, keeping their types.</summary>
internal static class JaegerTagReader
{
    private const int TypeString = 0;
    private const int TypeDouble = 1;
    private const int TypeBool = 2;
    private const int TypeLong = 3;
    private const int TypeBinary = 4;

    public static List<KeyValue> ReadList(ThriftReader reader)
    {
        var elementType = reader.ReadListBegin(out var count);
        if (elementType != ThriftType.Struct && count > 0)
        {
            throw new ThriftDecodeException($"a tag list holds thrift type {(byte)elementType}, not structs");
        }

        var tags = new List<KeyValue>(count);
        for (var i = 0; i < count; i++)
        {
            tags.Add(Read(reader));
        }

        reader.ReadCollectionEnd();
        return tags;
    }

    public static KeyValue Read(ThriftReader reader)
    {
        string? key = null;
        var valueType = -1;
        string? text = null;
        double number = 0;
        var flag = false;
        long integer = 0;
        byte[]? binary = null;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.String: key = reader.ReadString(); break;
                case 2 when type == ThriftType.I32: valueType = reader.ReadI32(); break;
                case 3 when type == ThriftType.String: text = reader.ReadValueString(); break;
                case 4 when type == ThriftType.Double: number = reader.ReadDouble(); break;
                case 5 when type == ThriftType.Bool: flag = reader.ReadBool(); break;
                case 6 when type == ThriftType.I64: integer = reader.ReadI64(); break;
                case 7 when type == ThriftType.String: binary = reader.ReadBinary().ToArray(); break;
                default: reader.Skip(type); break;
            }
        }

        reader.ReadStructEnd();
        if (key is null)
        {
            throw new ThriftDecodeException("a Tag has no key");
        }

        var value = valueType switch
        {
            TypeString => AnyValue.FromString(text ?? string.Empty),
            TypeDouble => AnyValue.FromDouble(number),
            TypeBool => AnyValue.FromBool(flag),
            TypeLong => AnyValue.FromInt(integer),
            TypeBinary => AnyValue.FromBytes(binary ?? []),
            _ => throw new ThriftDecodeException($"tag '{key}' has unknown value type {valueType}"),
        };
        return new KeyValue(key, value);
    }
}
