namespace Tracehound.Ingest.Zipkin;

/// <summary>A Zipkin payload that cannot be decoded; the message says why.</summary>
public sealed class ZipkinDecodeException : Exception
{
    public ZipkinDecodeException(string message)
        : base(message)
    {
    }

    public ZipkinDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ZipkinDecodeException()
    {
    }
}
