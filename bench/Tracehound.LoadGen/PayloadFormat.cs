namespace Tracehound.LoadGen;

/// <summary>Which wire format a batch template holds, so re-rendering knows how ids and times are laid out.</summary>
internal enum PayloadFormat
{
    /// <summary>OTLP protobuf: 16-byte trace ids, fixed64 little-endian timestamps.</summary>
    OtlpProtobuf,

    /// <summary>Datadog v0.4 msgpack: uint64 big-endian low trace ids, int64 big-endian start times.</summary>
    DatadogMsgpack,

    /// <summary>Datadog log intake JSON: trace ids as 32 lowercase hex digits, times as milliseconds with three decimals.</summary>
    DatadogLogsJson,
}
