namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>The low three bits of a protobuf tag: how the field's value is laid out on the wire.</summary>
internal enum ProtobufWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
