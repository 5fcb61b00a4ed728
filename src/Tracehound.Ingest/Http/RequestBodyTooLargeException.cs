namespace Tracehound.Ingest.Http;

/// <summary>A request body, or what it decompresses to, is over the configured limit (HTTP 413).</summary>
internal sealed class RequestBodyTooLargeException : Exception
{
    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    public RequestBodyTooLargeException()
    {
    }

    public RequestBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
