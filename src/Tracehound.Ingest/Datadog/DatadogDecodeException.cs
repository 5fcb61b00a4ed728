namespace Tracehound.Ingest.Datadog;

/// <summary>A Datadog payload that cannot be decoded (truncated, corrupt, over a limit); the request is refused whole.</summary>
public sealed class DatadogDecodeException : Exception
{
    public DatadogDecodeException(string message)
        : base(message)
    {
    }

    public DatadogDecodeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
