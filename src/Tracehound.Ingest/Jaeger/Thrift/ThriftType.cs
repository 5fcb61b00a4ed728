namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>Thrift's wire types as the binary protocol numbers them; the compact reader maps its own codes onto these.</summary>
internal enum ThriftType : byte
{
    Stop = 0,
    Void = 1,
    Bool = 2,
    Byte = 3,
    Double = 4,
    I16 = 6,
    I32 = 8,
    I64 = 10,
    String = 11,
    Struct = 12,
    Map = 13,
    Set = 14,
    List = 15,
}
