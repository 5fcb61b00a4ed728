namespace Tracehound.Model;

/// <summary>OpenTelemetry span status code, numbered as in OTLP.</summary>
public enum StatusCode : byte
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
