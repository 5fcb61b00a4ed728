namespace Tracehound.Model;

/// <summary>Which member of OTLP's <c>AnyValue</c> oneof a value holds.</summary>
public enum AnyValueType : byte
{
    Empty = 0,
    String = 1,
    Bool = 2,
    Int = 3,
    Double = 4,
    Array = 5,
    KeyValueList = 6,
    Bytes = 7,
}
