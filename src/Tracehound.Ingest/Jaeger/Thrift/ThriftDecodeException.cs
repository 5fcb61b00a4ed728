namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>A Thrift payload that cannot be decoded; the message says why and where.</summary>
public sealed class ThriftDecodeException : Exception
{
    public ThriftDecodeException(string message)
        : base(message)
    {
    }

    public ThriftDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ThriftDecodeException()
    {
    }
}
