using System.Runtime.InteropServices;
using System.Text;
using Tracehound.Ingest.Text;
using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>
/// What every OTLP signal's decoder shares: Resource, InstrumentationScope, KeyValue and AnyValue
/// (the common.proto and resource.proto messages). Attributes are collected on reusable scratch
/// stacks and copied once into exact-size arrays, so no per-attribute collection is allocated.
/// One instance per decoder per thread (the scratch is not shared).
/// </summary>
internal sealed class OtlpAttributeDecoder
{
    /// <summary>How deep arrays and key-value lists may nest inside one attribute value.</summary>
    public const int MaxAnyValueDepth = 32;

    private const uint Len = (uint)ProtobufWireType.LengthDelimited;
    private const uint Varint = (uint)ProtobufWireType.Varint;
    private const uint Fixed64 = (uint)ProtobufWireType.Fixed64;

    private const uint ResourceAttributes = (1 << 3) | Len;
    private const uint ResourceDroppedAttributesCount = (2 << 3) | Varint;
    private const uint ScopeName = (1 << 3) | Len;
    private const uint ScopeVersion = (2 << 3) | Len;
    private const uint ScopeAttributes = (3 << 3) | Len;
    private const uint ScopeDroppedAttributesCount = (4 << 3) | Varint;
    private const uint KeyValueKey = (1 << 3) | Len;
    private const uint KeyValueValue = (2 << 3) | Len;
    private const uint AnyValueString = (1 << 3) | Len;
    private const uint AnyValueBool = (2 << 3) | Varint;
    private const uint AnyValueInt = (3 << 3) | Varint;
    private const uint AnyValueDouble = (4 << 3) | Fixed64;
    private const uint AnyValueArray = (5 << 3) | Len;
    private const uint AnyValueKeyValueList = (6 << 3) | Len;
    private const uint AnyValueBytes = (7 << 3) | Len;
    /// <summary>ArrayValue.values and KeyValueList.values share field 1.</summary>
    private const uint ListValues = (1 << 3) | Len;

    private readonly Utf8StringCache? _names;
    private readonly Utf8StringCache? _values;
    private KeyValue[] _keyValues = new KeyValue[64];
    private int _keyValueCount;
    private int _keyValueHighWater;
    private AnyValue[] _anyValues = new AnyValue[16];
    private int _anyValueCount;
    private int _anyValueHighWater;

    /// <param name="names">Cache for keys and names; null to allocate every string.</param>
    /// <param name="values">Cache for string values; null to allocate every string.</param>
    public OtlpAttributeDecoder(Utf8StringCache? names, Utf8StringCache? values)
    {
        _names = names;
        _values = values;
    }

    public Utf8StringCache? Names => _names;

    public Utf8StringCache? Values => _values;

    /// <summary>Where the next attribute list starts on the scratch stack (pass it to <see cref="PopKeyValues"/>).</summary>
    public int KeyValueCount => _keyValueCount;

    /// <summary>Empties the scratch stacks before a request.</summary>
    public void Reset()
    {
        _keyValueCount = 0;
        _anyValueCount = 0;
    }

    /// <summary>After a request: the scratch lives on with the thread, so drop its references to the request's strings.</summary>
    public void Release()
    {
        Array.Clear(_keyValues, 0, _keyValueHighWater);
        Array.Clear(_anyValues, 0, _anyValueHighWater);
        _keyValueHighWater = 0;
        _anyValueHighWater = 0;
    }

    public Resource DecodeResource(ref ProtobufReader reader, string schemaUrl)
    {
        var attributesStart = _keyValueCount;
        uint dropped = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ResourceAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case ResourceDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    // entity_refs (3) and anything newer.
                    reader.SkipField(tag);
                    break;
            }
        }

        return new Resource(PopKeyValues(attributesStart), dropped, schemaUrl);
    }

    public InstrumentationScope DecodeScope(ref ProtobufReader reader, string schemaUrl)
    {
        var attributesStart = _keyValueCount;
        var name = string.Empty;
        var version = string.Empty;
        uint dropped = 0;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case ScopeName:
                    name = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case ScopeVersion:
                    version = ReadString(reader.ReadLengthDelimited(tag), _names);
                    break;
                case ScopeAttributes:
                    PushKeyValue(ref reader, tag, 0);
                    break;
                case ScopeDroppedAttributesCount:
                    dropped = reader.ReadUInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return new InstrumentationScope(name, version, PopKeyValues(attributesStart), dropped, schemaUrl);
    }

    /// <summary>Decodes the KeyValue message of field <paramref name="tag"/> onto the scratch stack.</summary>
    public void PushKeyValue(ref ProtobufReader reader, uint tag, int depth)
    {
        var keyValueReader = reader.ReadMessage(tag);
        var key = string.Empty;
        var value = AnyValue.Empty;
        while (keyValueReader.TryReadTag(out var fieldTag))
        {
            switch (fieldTag)
            {
                case KeyValueKey:
                    key = ReadString(keyValueReader.ReadLengthDelimited(fieldTag), _names);
                    break;
                case KeyValueValue:
                    {
                        var valueReader = keyValueReader.ReadMessage(fieldTag);
                        value = DecodeAnyValue(ref valueReader, depth + 1);
                        break;
                    }

                default:
                    keyValueReader.SkipField(fieldTag);
                    break;
            }
        }

        if (_keyValueCount == _keyValues.Length)
        {
            Array.Resize(ref _keyValues, _keyValues.Length * 2);
        }

        _keyValues[_keyValueCount++] = new KeyValue(key, value);
        if (_keyValueCount > _keyValueHighWater)
        {
            _keyValueHighWater = _keyValueCount;
        }
    }

    public AnyValue DecodeAnyValue(ref ProtobufReader reader, int depth)
    {
        if (depth > MaxAnyValueDepth)
        {
            throw new OtlpDecodeException($"attribute value nested deeper than {MaxAnyValueDepth} levels at offset {reader.Offset}");
        }

        // A oneof: when several members are present the last one wins.
        var value = AnyValue.Empty;
        while (reader.TryReadTag(out var tag))
        {
            switch (tag)
            {
                case AnyValueString:
                    value = AnyValue.FromString(ReadString(reader.ReadLengthDelimited(tag), _values));
                    break;
                case AnyValueBool:
                    value = AnyValue.FromBool(reader.ReadVarint() != 0);
                    break;
                case AnyValueInt:
                    value = AnyValue.FromInt((long)reader.ReadVarint());
                    break;
                case AnyValueDouble:
                    value = AnyValue.FromDouble(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
                    break;
                case AnyValueArray:
                    {
                        var arrayReader = reader.ReadMessage(tag);
                        value = AnyValue.FromArray(DecodeArray(ref arrayReader, depth));
                        break;
                    }

                case AnyValueKeyValueList:
                    {
                        var listReader = reader.ReadMessage(tag);
                        value = AnyValue.FromKeyValueList(DecodeKeyValueList(ref listReader, depth));
                        break;
                    }

                case AnyValueBytes:
                    value = AnyValue.FromBytes(reader.ReadLengthDelimited(tag).ToArray());
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }

        return value;
    }

    public AnyValue[] DecodeArray(ref ProtobufReader reader, int depth)
    {
        var start = _anyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            if (tag == ListValues)
            {
                var itemReader = reader.ReadMessage(tag);
                var item = DecodeAnyValue(ref itemReader, depth + 1);
                if (_anyValueCount == _anyValues.Length)
                {
                    Array.Resize(ref _anyValues, _anyValues.Length * 2);
                }

                _anyValues[_anyValueCount++] = item;
                if (_anyValueCount > _anyValueHighWater)
                {
                    _anyValueHighWater = _anyValueCount;
                }
            }
            else
            {
                reader.SkipField(tag);
            }
        }

        var count = _anyValueCount - start;
        _anyValueCount = start;
        return count == 0 ? [] : _anyValues.AsSpan(start, count).ToArray();
    }

    public KeyValue[] DecodeKeyValueList(ref ProtobufReader reader, int depth)
    {
        var start = _keyValueCount;
        while (reader.TryReadTag(out var tag))
        {
            if (tag == ListValues)
            {
                PushKeyValue(ref reader, tag, depth);
            }
            else
            {
                reader.SkipField(tag);
            }
        }

        return PopKeyValues(start);
    }

    public KeyValue[] PopKeyValues(int start)
    {
        var count = _keyValueCount - start;
        _keyValueCount = start;
        return count == 0 ? [] : _keyValues.AsSpan(start, count).ToArray();
    }

    public static string ReadString(ReadOnlySpan<byte> utf8, Utf8StringCache? cache)
    {
        if (cache is not null)
        {
            return cache.GetOrAdd(utf8);
        }

        // Invalid UTF-8 becomes U+FFFD (Encoding.UTF8's replacement fallback), never an error.
        return utf8.Length == 0 ? string.Empty : Encoding.UTF8.GetString(utf8);
    }
}
