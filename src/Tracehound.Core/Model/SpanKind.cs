namespace Tracehound.Model;

/// <summary>OpenTelemetry span kind, numbered as in OTLP.</summary>
public enum SpanKind : byte
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
