using System.Globalization;

namespace Tracehound.Model;

/// <summary>
/// A typed attribute value (OTLP <c>AnyValue</c>). Scalars live in one 64-bit field and references
/// (string, bytes, array, key-value list) in one object field, so the struct is two words and a tag.
/// </summary>
public readonly struct AnyValue : IEquatable<AnyValue>
{
    private readonly long _bits;
    private readonly object? _ref;

    private AnyValue(AnyValueType type, long bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _ref = reference;
    }

    public AnyValueType Type { get; }

    public static AnyValue Empty => default;

    public static AnyValue FromString(string value) => new(AnyValueType.String, 0, value);

    public static AnyValue FromBool(bool value) => new(AnyValueType.Bool, value ? 1 : 0, null);

    public static AnyValue FromInt(long value) => new(AnyValueType.Int, value, null);

    public static AnyValue FromDouble(double value) => new(AnyValueType.Double, BitConverter.DoubleToInt64Bits(value), null);

    public static AnyValue FromBytes(byte[] value) => new(AnyValueType.Bytes, 0, value);

    public static AnyValue FromArray(AnyValue[] values) => new(AnyValueType.Array, 0, values);

    public static AnyValue FromKeyValueList(KeyValue[] values) => new(AnyValueType.KeyValueList, 0, values);

    public string AsString() => Type == AnyValueType.String ? (string)_ref! : throw WrongType(AnyValueType.String);

    public bool AsBool() => Type == AnyValueType.Bool ? _bits != 0 : throw WrongType(AnyValueType.Bool);

    public long AsInt() => Type == AnyValueType.Int ? _bits : throw WrongType(AnyValueType.Int);

    public double AsDouble() => Type == AnyValueType.Double ? BitConverter.Int64BitsToDouble(_bits) : throw WrongType(AnyValueType.Double);

    public byte[] AsBytes() => Type == AnyValueType.Bytes ? (byte[])_ref! : throw WrongType(AnyValueType.Bytes);

    public AnyValue[] AsArray() => Type == AnyValueType.Array ? (AnyValue[])_ref! : throw WrongType(AnyValueType.Array);

    public KeyValue[] AsKeyValueList() => Type == AnyValueType.KeyValueList ? (KeyValue[])_ref! : throw WrongType(AnyValueType.KeyValueList);

    /// <summary>
    /// The value as plain text, the way tag search compares it: strings as they are, booleans as
    /// <c>true</c>/<c>false</c>, numbers invariant, bytes as base64, arrays and lists as JSON.
    /// </summary>
    public override string ToString() => Type switch
    {
        AnyValueType.Empty => string.Empty,
        AnyValueType.String => (string)_ref!,
        AnyValueType.Bool => _bits != 0 ? "true" : "false",
        AnyValueType.Int => _bits.ToString(CultureInfo.InvariantCulture),
        AnyValueType.Double => BitConverter.Int64BitsToDouble(_bits).ToString("R", CultureInfo.InvariantCulture),
        AnyValueType.Bytes => Convert.ToBase64String((byte[])_ref!),
        _ => AnyValueJson.ToJson(this),
    };

    public bool Equals(AnyValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            AnyValueType.Empty => true,
            AnyValueType.Bool or AnyValueType.Int or AnyValueType.Double => _bits == other._bits,
            AnyValueType.String => string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal),
            AnyValueType.Bytes => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
            AnyValueType.Array => ((AnyValue[])_ref!).AsSpan().SequenceEqual((AnyValue[])other._ref!),
            AnyValueType.KeyValueList => ((KeyValue[])_ref!).AsSpan().SequenceEqual((KeyValue[])other._ref!),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is AnyValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _bits, Type == AnyValueType.String ? _ref : null);

    public static bool operator ==(AnyValue left, AnyValue right) => left.Equals(right);

    public static bool operator !=(AnyValue left, AnyValue right) => !left.Equals(right);

    private InvalidOperationException WrongType(AnyValueType wanted) =>
        new($"The value is {Type}, not {wanted}.");
}
