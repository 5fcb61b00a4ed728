using Google.Protobuf;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>
/// Writes protobuf by hand with Google.Protobuf's <see cref="CodedOutputStream"/> (tags and values,
/// no generated classes), so tests can build any OTLP payload, including wrong ones.
/// </summary>
internal sealed class ProtoMessageBuilder
{
    private readonly MemoryStream _stream = new();
    private readonly CodedOutputStream _output;

    public ProtoMessageBuilder()
    {
        _output = new CodedOutputStream(_stream, leaveOpen: true);
    }

    public ProtoMessageBuilder Varint(int field, ulong value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteUInt64(value);
        return this;
    }

    public ProtoMessageBuilder Fixed64(int field, ulong value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed64);
        _output.WriteFixed64(value);
        return this;
    }

    public ProtoMessageBuilder Double(int field, double value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed64);
        _output.WriteDouble(value);
        return this;
    }

    public ProtoMessageBuilder Fixed32(int field, uint value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFixed32(value);
        return this;
    }

    public ProtoMessageBuilder String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoMessageBuilder Bytes(int field, byte[] value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoMessageBuilder Message(int field, ProtoMessageBuilder message) => Bytes(field, message.ToArray());

    public ProtoMessageBuilder Message(int field, Action<ProtoMessageBuilder> build)
    {
        var message = new ProtoMessageBuilder();
        build(message);
        return Message(field, message);
    }

    public ProtoMessageBuilder Group(int field, Action<ProtoMessageBuilder> build)
    {
        _output.WriteTag(field, WireFormat.WireType.StartGroup);
        _output.Flush();
        var inner = new ProtoMessageBuilder();
        build(inner);
        var bytes = inner.ToArray();
        _stream.Write(bytes);
        _output.WriteTag(field, WireFormat.WireType.EndGroup);
        return this;
    }

    /// <summary>Raw bytes as they are (a tag with a lying length, a cut-off varint...).</summary>
    public ProtoMessageBuilder Raw(params byte[] bytes)
    {
        _output.Flush();
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray()
    {
        _output.Flush();
        return _stream.ToArray();
    }
}
