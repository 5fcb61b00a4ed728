namespace Tracehound.Ingest.Jaeger.Udp;

/// <summary>The Thrift protocol an agent UDP port speaks (Jaeger: 6831 compact, 6832 binary).</summary>
public enum JaegerAgentProtocol
{
    Compact,
    Binary,
}
