namespace Tracehound.Ingest.Otlp;

/// <summary>
/// The payload is not a valid OTLP message (malformed, truncated, over a limit). The message says
/// why, in words fit for the client: it is returned as the 400 body / INVALID_ARGUMENT detail.
/// </summary>
public sealed class OtlpDecodeException : Exception
{
    public OtlpDecodeException(string message)
        : base(message)
    {
    }

    public OtlpDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OtlpDecodeException()
    {
    }
}
